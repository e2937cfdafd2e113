import { jpegWithGps } from './images';

/**
 * Scene evidence a car-moving request needs since issue 21 (a location and 1–3 photos
 * uploaded through POST /uploads), for tests that request a car move. Every such test
 * takes it from here rather than building its own.
 */

/** Where the tests' scenes are: central Tianhe, Guangzhou (GCJ-02), inside a district the register knows. */
export const SCENE_LOCATION = { latitude: 23.125, longitude: 113.36 } as const;

/** One upload per citizen (by access token) and photo number, reused by their requests: uploads count against a daily quota. */
const uploaded = new Map<string, Promise<string>>();

/** Uploads a scene photo (a JPEG with a GPS position in its EXIF, as a phone sends it) and returns its id. */
export async function uploadScenePhoto(bffUrl: string, accessToken: string): Promise<string> {
  const response = await fetch(`${bffUrl}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'image/jpeg' },
    body: new Uint8Array(jpegWithGps()),
  });
  const body = (await response.json()) as { id?: string; error?: string };
  if (!body.id) throw new Error(`scene photo upload refused: ${response.status} ${body.error}`);
  return body.id;
}

/**
 * `{ latitude, longitude, photoIds }` to spread into a CarMoveInput: the test location and
 * `photos` photos of this citizen's, uploaded once and reused.
 */
export async function sceneEvidence(
  bffUrl: string,
  accessToken: string,
  photos = 1,
): Promise<{ latitude: number; longitude: number; photoIds: string[] }> {
  const photoIds = await Promise.all(
    Array.from({ length: photos }, (_, i) => {
      const key = `${bffUrl} ${accessToken} ${i}`;
      if (!uploaded.has(key))
        uploaded.set(
          key,
          uploadScenePhoto(bffUrl, accessToken).catch((error) => {
            uploaded.delete(key);
            throw error;
          }),
        );
      return uploaded.get(key)!;
    }),
  );
  return { ...SCENE_LOCATION, photoIds };
}

interface GqlClient {
  url: string;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<unknown>;
}

/**
 * `bff.gql(query, variables, token)` for a requestCarMove, with the scene evidence added to
 * `variables.input` (what the input names itself wins: a test of other coordinates or
 * photos gives its own). Without a token nothing is added (nobody could have uploaded).
 */
export async function sendCarMove<R = any>(
  bff: GqlClient,
  query: string,
  variables: { input: Record<string, unknown> },
  token?: string,
): Promise<R> {
  if (!token) return bff.gql(query, variables) as Promise<R>;
  const { input } = variables;
  // Someone who may not upload (not verified) is sent without photos: the BFF's own refusal is what a test checks.
  const scene = await sceneEvidence(bff.url, token).catch(() => ({ ...SCENE_LOCATION, photoIds: [] as string[] }));
  const photos = input.photoId || input.photoIds || scene.photoIds.length === 0 ? {} : { photoIds: scene.photoIds };
  return bff.gql(
    query,
    { ...variables, input: { latitude: scene.latitude, longitude: scene.longitude, ...photos, ...input } },
    token,
  ) as Promise<R>;
}
