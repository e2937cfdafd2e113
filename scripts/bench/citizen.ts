import type { MockData } from '../../test-support/stack';
import { VERIFY_REAL_NAME } from '../../test-support/policies';

/** Signs a citizen in through the simulator and verifies them (level 3 with face) against the running BFF. */
export async function citizen(bffUrl: string, mock: MockData, has: string, offset: number): Promise<string> {
  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${bffUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    if (!body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const [person] = (await mock.json(`/population/dev/people?count=1&offset=${offset}&has=${has}`)).people;
  const { code } = await mock.json('/wechat/dev/login-code', {
    method: 'POST',
    body: JSON.stringify({ user: `bench-${Date.now()}` }),
  });
  const token = (await gql('mutation($c: String!) { login(platform: WECHAT, code: $c) { accessToken } }', { c: code }))
    .login.accessToken as string;
  await gql(VERIFY_REAL_NAME, { n: person.name, i: person.idNumber }, token);
  const { verifyId } = (await gql('mutation { startFaceVerification(consent: true) { verifyId } }', {}, token))
    .startFaceVerification;
  await mock.json(`/wechat/dev/face/${verifyId}/complete`, {
    method: 'POST',
    body: JSON.stringify({ outcome: 'pass' }),
  });
  await gql('mutation($id: ID!) { completeFaceVerification(verifyId: $id) { level } }', { id: verifyId }, token);
  return token;
}
