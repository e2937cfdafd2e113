/**
 * Small images with metadata, built byte by byte, for tests of metadata stripping:
 * a JPEG whose EXIF carries a GPS position, and a PNG with a text chunk. The image
 * data itself is a placeholder: nothing here decodes pixels.
 */
function segment(marker: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** EXIF (little-endian TIFF) with IFD0 → GPS IFD holding latitude 22.5431 N, longitude 114.0579 E. */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(200);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // IFD0 at 8
  // IFD0: one entry, GPSInfo (0x8825) → GPS IFD at 26
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10); tiff.writeUInt16LE(4, 12); tiff.writeUInt32LE(1, 14); tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD at 26: 4 entries
  let at = 26;
  tiff.writeUInt16LE(4, at); at += 2;
  const rationalsAt = 26 + 2 + 4 * 12 + 4; // after the entries and the next-IFD pointer
  const entry = (tag: number, type: number, count: number, value: number, inline?: string) => {
    tiff.writeUInt16LE(tag, at); tiff.writeUInt16LE(type, at + 2); tiff.writeUInt32LE(count, at + 4);
    if (inline !== undefined) tiff.write(inline, at + 8, 'latin1'); else tiff.writeUInt32LE(value, at + 8);
    at += 12;
  };
  entry(1, 2, 2, 0, 'N\0'); // GPSLatitudeRef
  entry(2, 5, 3, rationalsAt); // GPSLatitude
  entry(3, 2, 2, 0, 'E\0'); // GPSLongitudeRef
  entry(4, 5, 3, rationalsAt + 24); // GPSLongitude
  tiff.writeUInt32LE(0, at);
  const rationals = [[22, 1], [32, 1], [3516, 100], [114, 1], [3, 1], [2844, 100]];
  rationals.forEach(([n, d], i) => { tiff.writeUInt32LE(n, rationalsAt + i * 8); tiff.writeUInt32LE(d, rationalsAt + i * 8 + 4); });
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff.subarray(0, rationalsAt + 48)]);
}

/** A real JPEG (from a browser's canvas, say) with the GPS EXIF segment put in after its SOI. */
export function withGpsExif(jpeg: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), segment(0xe1, exifWithGps()), jpeg.subarray(2)]);
}

export function jpegWithGps(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, exifWithGps()),
    segment(0xfe, Buffer.from('taken at 22.5431,114.0579', 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)), // a quantisation table's worth of bytes
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0x78]), // "scan data"
    Buffer.from([0xff, 0xd9]),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]); // CRC not checked here
}

export function pngWithText(): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('tEXt', Buffer.from('Location\x0022.5431,114.0579', 'latin1')),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0, 0, 0, 2, 0, 1])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
