/**
 * Removes metadata from photos before they are stored: EXIF (with its GPS position,
 * camera serials and times), XMP, IPTC and comments. Only the image itself stays;
 * where the photo was taken is what the citizen chose to type, nothing more.
 * Both formats are walked by their segment structure; pixels are never decoded.
 */
export type ImageType = 'image/jpeg' | 'image/png';

export class ImageFormatError extends Error {}

/** The type the bytes really are (by their signature), whatever the client said. */
export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** JPEG APPn segments kept: APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour transform). */
const KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

function stripJpeg(data: Buffer): Buffer {
  const parts: Buffer[] = [data.subarray(0, 2)];
  let at = 2;
  while (at < data.length) {
    if (data[at] !== 0xff) throw new ImageFormatError('JPEG segment does not start with 0xFF');
    const marker = data[at + 1];
    if (marker === 0xd9) {
      parts.push(data.subarray(at, at + 2));
      break;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(data.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > data.length) throw new ImageFormatError('JPEG segment is cut short');
    const length = data.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > data.length) throw new ImageFormatError('JPEG segment length is wrong');
    if (marker === 0xda) {
      // Start of scan: the compressed image runs to the end; nothing after it is metadata.
      parts.push(data.subarray(at));
      break;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && !KEPT_APP.has(marker)) || marker === 0xfe;
    if (!drop) parts.push(data.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

/** PNG chunks dropped: EXIF, text (any language or compression) and the modification time. */
const DROPPED_PNG = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(data: Buffer): Buffer {
  const parts: Buffer[] = [data.subarray(0, 8)];
  let at = 8;
  while (at < data.length) {
    if (at + 12 > data.length) throw new ImageFormatError('PNG chunk is cut short');
    const length = data.readUInt32BE(at);
    const type = data.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > data.length) throw new ImageFormatError('PNG chunk length is wrong');
    if (!DROPPED_PNG.has(type)) parts.push(data.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return Buffer.concat(parts);
}

/** @throws ImageFormatError when the bytes are not a well-formed JPEG or PNG. */
export function stripMetadata(data: Buffer): { type: ImageType; data: Buffer } {
  const type = sniffImageType(data);
  if (!type) throw new ImageFormatError('not a JPEG or PNG image');
  return { type, data: type === 'image/jpeg' ? stripJpeg(data) : stripPng(data) };
}
