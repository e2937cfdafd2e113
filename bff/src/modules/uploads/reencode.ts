import { imageSize } from 'image-size';
import sharp from 'sharp';

/**
 * Makes an uploaded photo safe to keep and to show: the pixels are decoded and encoded
 * afresh by libvips (sharp), so nothing of the original file survives but the picture:
 * no EXIF (GPS, serials, times), XMP, IPTC, comments, text chunks, a second image after
 * the first, a trailing archive or a script hidden in a segment. EXIF orientation is
 * applied to the pixels first, so the photo still stands the right way up.
 */
export type ImageType = 'image/jpeg' | 'image/png';

export type RefusalReason =
  /** Not a JPEG or PNG (SVG, GIF, HTML, PDF…), whatever its name or declared type. */
  | 'type'
  /** Declares more pixels than allowed: decoding it would take memory an attacker chooses. */
  | 'too-large'
  /** Starts like a JPEG or PNG but cannot be decoded: cut short, corrupt. */
  | 'unreadable';

export class ImageRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    detail: string,
  ) {
    super(`image refused (${reason}): ${detail}`);
  }
}

// libvips's operation cache would keep decoded uploads in memory, and none is ever asked for twice.
sharp.cache(false);

/**
 * The type the bytes begin as, by their signature. Only a gate: the decoder decides
 * whether they really are one; a file that is an HTML page first is no image at all.
 */
export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/** How image-size names each type. */
const HEADER_TYPE: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png' };

/**
 * Decodes `data` and encodes the picture again in the same format (JPEG → JPEG, PNG → PNG).
 * @throws ImageRefusedError 'type' when it is not a JPEG or PNG, 'too-large' when its header
 * declares more than `maxPixels` (checked before any pixel is decoded), 'unreadable' when
 * it does not decode completely.
 */
export async function reencodeImage(
  data: Buffer,
  options: { maxPixels: number },
): Promise<{ type: ImageType; data: Buffer; width: number; height: number }> {
  // Step 1: only the two formats a camera or a screenshot gives; SVG, GIF, HEIC and the
  // rest never reach a decoder (librsvg and friends are more to attack).
  const type = sniffImageType(data);
  if (!type) throw new ImageRefusedError('type', 'not a JPEG or PNG signature');

  // Step 2: the declared size, read from the header alone. libvips refuses a PNG wider than
  // libpng's limits as a "corrupt header", so the size is judged here, where 30000×30000
  // and 2³¹×2³¹ are both simply too large.
  let declared: { width?: number; height?: number; type?: string };
  try {
    declared = imageSize(data);
  } catch (error) {
    throw new ImageRefusedError('unreadable', (error as Error).message);
  }
  if (declared.type !== HEADER_TYPE[type] || !declared.width || !declared.height)
    throw new ImageRefusedError('unreadable', 'no dimensions in the header');
  if (declared.width * declared.height > options.maxPixels)
    throw new ImageRefusedError('too-large', `${declared.width}×${declared.height}`);

  // Step 3: decode (limitInputPixels checks the header again, in libvips's own reading;
  // failOn 'truncated' turns a cut-off file into an error instead of grey rows), apply
  // the EXIF orientation, encode afresh. withMetadata is never called: nothing is copied.
  try {
    const pipeline = sharp(data, { limitInputPixels: options.maxPixels, failOn: 'truncated', pages: 1 }).rotate();
    const encoded = type === 'image/jpeg' ? pipeline.jpeg({ quality: 90, mozjpeg: false }) : pipeline.png();
    const { data: output, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { type, data: output, width: info.width, height: info.height };
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) throw new ImageRefusedError('too-large', message);
    throw new ImageRefusedError('unreadable', message.split('\n')[0] ?? 'undecodable');
  }
}
