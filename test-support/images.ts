import { crc32, deflateSync } from 'node:zlib';

/**
 * Images for upload tests: real, decodable JPEGs and PNGs carrying what an upload must
 * not keep (a GPS position in EXIF, in a second image after the first, in PNG text
 * chunks; an HTML/ZIP payload riding along), and the files an upload must refuse
 * (huge declared sizes, a cut-off file, an SVG). Everything is synchronous and built
 * from bytes here, so any test can use it without an image library.
 */

/** Where every fixture says it was taken: the position that must never survive an upload. */
export const GPS = { latitude: 22.5431, longitude: 114.0579, text: '22.5431,114.0579' };

/** A real 32×24 baseline JPEG (noise over a gradient), as a browser's canvas might make. */
const BASE_JPEG = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAYACADASIAAhEBAxEB/8QAGQAAAgMBAAAAAAAAAAAAAAAAAAQDBQYH/8QAJBAAAgICAgMAAgMBAAAAAAAAAQIDBBESBRMAISIyQRQjM1H/xAAWAQEBAQAAAAAAAAAAAAAAAAAFBwb/xAAmEQABAgUDAwUAAAAAAAAAAAABAiEAAxExQQVRcRKx8GKBocHh/9oADAMBAAIRAxEAPwDH8XXG9awjSpbL/wAeGMyI7nUj5UnYRggt8lsMWUZ1/O9qxS8iOi3BJIsFlyJYYphE7HrEgYagqrESM2MkMRj0fpWC4OSqdUQjhihb2sqvFFrpKwR12/y0D5x/1VwQhHjd2AK1kWT22e708kiSGSDIKj7DaYZfewwcKAPsAJTgpM6ihRQNHtcZoO9y+8ZnSFlSwFMrt4PvFtFHZ49L4SzVNawYSzs5UumpjkDdZ+FAVnxgAgBm9Yz5ORaXjoGCMbobDvHVEckaDLI6agEMVUKCy5GrkahWyjVje0H1t2Z6cll0kOP6gS+yxyYIO7KMfOGBkAyTgeX1apVgBmPIvGsk2jOUlVndVUhWL/KhpFlOf0fSk/oBakpWOBgnNrblmNKN6aVo5TL6Rngn9HFmEcrhNqrPHYWlN3d0LOisrhAijIwFOSSsucAFCVYAE4N1x9N+KnSzHbiZK8KRvZgA2RcIuFGNWUHRiRvkkKP2fDw8Vmz1TelViahtjzW2ImejzCrpTRjQHhhnmNRHMxWtaMb1CAYLUylY5H0BBCYJx9jUL7yxb1lch3geieZ3iqcbYqQmBUkkkDRQgFmMYYYH5HHY2NvoDYnDHh4PMmkiYwamNyO2Noo+kNJKhg0+fPZo/9k=',
  'base64',
);

export const plainJpeg = (): Buffer => Buffer.from(BASE_JPEG);

function segment(marker: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([header, body]);
}

/** A TIFF block (little-endian) with IFD0 → GPS IFD holding latitude 22.5431 N, longitude 114.0579 E. */
function tiffWithGps(): Buffer {
  const tiff = Buffer.alloc(200);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // IFD0 at 8
  // IFD0: one entry, GPSInfo (0x8825) → GPS IFD at 26
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10);
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt32LE(0, 22);
  // GPS IFD at 26: 4 entries
  let at = 26;
  tiff.writeUInt16LE(4, at);
  at += 2;
  const rationalsAt = 26 + 2 + 4 * 12 + 4; // after the entries and the next-IFD pointer
  const entry = (tag: number, type: number, count: number, value: number, inline?: string) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    if (inline !== undefined) tiff.write(inline, at + 8, 'latin1');
    else tiff.writeUInt32LE(value, at + 8);
    at += 12;
  };
  entry(1, 2, 2, 0, 'N\0'); // GPSLatitudeRef
  entry(2, 5, 3, rationalsAt); // GPSLatitude
  entry(3, 2, 2, 0, 'E\0'); // GPSLongitudeRef
  entry(4, 5, 3, rationalsAt + 24); // GPSLongitude
  tiff.writeUInt32LE(0, at);
  const rationals = [
    [22, 1],
    [32, 1],
    [3516, 100],
    [114, 1],
    [3, 1],
    [2844, 100],
  ];
  rationals.forEach(([n, d], i) => {
    tiff.writeUInt32LE(n!, rationalsAt + i * 8);
    tiff.writeUInt32LE(d!, rationalsAt + i * 8 + 4);
  });
  return tiff.subarray(0, rationalsAt + 48);
}

const exifSegment = () => segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiffWithGps()]));

/** A real JPEG with the GPS EXIF segment put in after its SOI. */
export function withGpsExif(jpeg: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);
}

/** A real JPEG whose EXIF carries a GPS position and whose comment repeats it. */
export function jpegWithGps(): Buffer {
  return Buffer.concat([
    BASE_JPEG.subarray(0, 2),
    exifSegment(),
    segment(0xfe, Buffer.from(`taken at ${GPS.text}`, 'latin1')),
    BASE_JPEG.subarray(2),
  ]);
}

/**
 * A clean JPEG followed, after its end marker, by a second JPEG that carries the GPS
 * EXIF (the way phones append a preview or a depth map, or someone hides one): a
 * segment walker that stops at the first image's scan keeps it all.
 */
export function jpegWithGpsInSecondImage(): Buffer {
  return Buffer.concat([BASE_JPEG, jpegWithGps()]);
}

/** A JPEG whose SOF says it is `width`×`height` (JPEG allows up to 65535 each); the scan is the 32×24 one. */
export function jpegDeclaring(width: number, height: number): Buffer {
  const data = Buffer.from(BASE_JPEG);
  for (let at = 2; at < data.length - 9; at++) {
    if (data[at] === 0xff && data[at + 1] === 0xc0) {
      data.writeUInt16BE(height, at + 5);
      data.writeUInt16BE(width, at + 7);
      return data;
    }
  }
  throw new Error('no SOF0 in the base JPEG');
}

/** The first part of a real JPEG, cut in the middle of its compressed scan. */
export function truncatedJpeg(): Buffer {
  return BASE_JPEG.subarray(0, BASE_JPEG.length - 200);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Buffer {
  const body = Buffer.alloc(13);
  body.writeUInt32BE(width, 0);
  body.writeUInt32BE(height, 4);
  body[8] = 8; // bit depth
  body[9] = 2; // truecolour
  return chunk('IHDR', body);
}

/** The pixel rows of a small RGB gradient, compressed as one IDAT. */
function idat(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([x * 16, y * 16, 128], 1 + x * 3);
    rows.push(row);
  }
  return chunk('IDAT', deflateSync(Buffer.concat(rows)));
}

export function plainPng(width = 16, height = 12): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), idat(width, height), chunk('IEND', Buffer.alloc(0))]);
}

/** A real 16×12 PNG carrying the position in tEXt, zTXt, iTXt (XMP) and eXIf chunks, and a time. */
export function pngWithText(): Buffer {
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="22,32.586N" exif:GPSLongitude="114,3.474E"/></rdf:RDF></x:xmpmeta>`;
  return Buffer.concat([
    PNG_SIGNATURE,
    ihdr(16, 12),
    chunk('tEXt', Buffer.from(`Location\0${GPS.text}`, 'latin1')),
    chunk(
      'zTXt',
      Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(Buffer.from(`taken at ${GPS.text}`))]),
    ),
    chunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(xmp)])),
    chunk('eXIf', tiffWithGps()),
    chunk('tIME', Buffer.from([0x07, 0xea, 11, 27, 8, 30, 0])),
    idat(16, 12),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A PNG whose header declares `width`×`height` (up to 2³²−1 fits the field; PNG allows
 * 2³¹−1) with a CRC that checks out, and a few real pixels: a decoder that trusted the
 * header would allocate for the declared size.
 */
export function pngDeclaring(width: number, height: number): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height), idat(4, 4), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG cut in the middle of its image data. */
export function truncatedPng(): Buffer {
  const whole = plainPng(64, 64);
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

/** An SVG with a script: an image to a browser, a page with JavaScript when opened directly. */
export function svgWithScript(): Buffer {
  return Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
  );
}

/** What a polyglot carries: an HTML page with a script, and a ZIP archive's local header. */
export const POLYGLOT_MARKERS = {
  html: '<script>alert(document.cookie)</script>',
  zip: Buffer.from('PK\x03\x04', 'latin1'),
};

/**
 * A JPEG that is also an HTML page and a ZIP archive: the script sits in a comment
 * segment (a browser sniffing it as HTML runs it) and a ZIP follows the end marker (a
 * GIFAR-style archive readers find by scanning from the end).
 */
export function polyglotJpeg(): Buffer {
  const html = Buffer.from(`<html><body>${POLYGLOT_MARKERS.html}</body></html>`, 'latin1');
  const zip = Buffer.concat([
    POLYGLOT_MARKERS.zip,
    Buffer.alloc(26),
    Buffer.from('payload.js', 'latin1'),
    Buffer.from('PK\x05\x06', 'latin1'),
    Buffer.alloc(18),
  ]);
  return Buffer.concat([BASE_JPEG.subarray(0, 2), segment(0xfe, html), BASE_JPEG.subarray(2), html, zip]);
}

/** An HTML page with a real PNG inside it: starts as a page, so it is no image at all. */
export function htmlWithPng(): Buffer {
  return Buffer.concat([
    Buffer.from(`<html>${POLYGLOT_MARKERS.html}<!--`, 'latin1'),
    plainPng(),
    Buffer.from('--></html>', 'latin1'),
  ]);
}
