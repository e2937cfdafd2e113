/**
 * Draws the tab bar icons (mini-program tab bars take PNG or JPG only, not SVG or
 * fonts) into miniapp/src/assets/tab. Shapes are signed-distance tests, supersampled
 * 4x for smooth edges. Run again after changing a shape or a colour; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 81;
const SS = 4;
const out = path.resolve(import.meta.dirname, '../miniapp/src/assets/tab');

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by),
    d2 = s(x, y, bx, by, cx, cy),
    d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

// Each shape answers "is (x, y) in the icon?" on a 0-100 canvas.
const SHAPES = {
  home: (x, y) =>
    (inTriangle(x, y, [50, 10], [8, 48], [92, 48]) || inRoundRect(x, y, 20, 44, 80, 90, 6)) &&
    !inRoundRect(x, y, 42, 62, 58, 91, 3),
  services: (x, y) =>
    [
      [12, 12],
      [54, 12],
      [12, 54],
      [54, 54],
    ].some(([a, b]) => inRoundRect(x, y, a, b, a + 34, b + 34, 8)),
  messages: (x, y) => inRoundRect(x, y, 8, 14, 92, 74, 14) || inTriangle(x, y, [24, 70], [44, 70], [22, 90]),
  me: (x, y) => inCircle(x, y, 50, 32, 20) || (inCircle(x, y, 50, 100, 42) && y <= 92),
};

function png(width, height, rgba) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const COLOURS = { normal: [0x5b, 0x64, 0x72], active: [0x1f, 0x6f, 0xeb] };
for (const [name, inside] of Object.entries(SHAPES)) {
  for (const [state, [r, g, b]] of Object.entries(COLOURS)) {
    const rgba = Buffer.alloc(SIZE * SIZE * 4);
    for (let py = 0; py < SIZE; py++)
      for (let px = 0; px < SIZE; px++) {
        let hits = 0;
        for (let sy = 0; sy < SS; sy++)
          for (let sx = 0; sx < SS; sx++) {
            if (inside(((px + (sx + 0.5) / SS) / SIZE) * 100, ((py + (sy + 0.5) / SS) / SIZE) * 100)) hits++;
          }
        const i = (py * SIZE + px) * 4;
        rgba[i] = r;
        rgba[i + 1] = g;
        rgba[i + 2] = b;
        rgba[i + 3] = Math.round((hits / (SS * SS)) * 255);
      }
    fs.writeFileSync(path.join(out, `${name}${state === 'active' ? '-active' : ''}.png`), png(SIZE, SIZE, rgba));
  }
}
console.log(`drew ${Object.keys(SHAPES).length * 2} icons in ${path.relative(process.cwd(), out)}`);
