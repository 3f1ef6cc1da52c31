// Draws the tab bar icons (81×81 PNG, the size WeChat recommends) into src/assets/.
// Run after changing a shape or colour: node scripts/generate-tab-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 81;
const SAMPLES = 4; // per axis, for anti-aliased edges
// Same values as palette.textSecondary and palette.primary in src/theme/tokens.ts.
const colours = { idle: [0x5c, 0x5c, 0x5c], active: [0xb3, 0x26, 0x1e] };

const inRect = (x, y, left, top, right, bottom) => x >= left && x <= right && y >= top && y <= bottom;
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;
const inEllipse = (x, y, cx, cy, rx, ry) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
// Triangle with apex (0.5, top) and base from (left, bottom) to (right, bottom), symmetric about x = 0.5.
const inRoof = (x, y, top, bottom, halfWidth) =>
  y >= top && y <= bottom && Math.abs(x - 0.5) <= ((y - top) / (bottom - top)) * halfWidth;

// Shapes in unit coordinates (0..1, y down).
const shapes = {
  home: (x, y) =>
    (inRoof(x, y, 0.1, 0.48, 0.42) || inRect(x, y, 0.2, 0.45, 0.8, 0.88)) && !inRect(x, y, 0.42, 0.62, 0.58, 0.89),
  services: (x, y) =>
    inRect(x, y, 0.2, 0.1, 0.8, 0.9) &&
    !inRect(x, y, 0.32, 0.28, 0.68, 0.34) &&
    !inRect(x, y, 0.32, 0.45, 0.68, 0.51) &&
    !inRect(x, y, 0.32, 0.62, 0.56, 0.68),
  mine: (x, y) => inCircle(x, y, 0.5, 0.3, 0.18) || (inEllipse(x, y, 0.5, 0.92, 0.36, 0.38) && y <= 0.88),
};

function png(width, height, rgba) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = [];
  for (let y = 0; y < height; y++) {
    rows.push(Buffer.from([0]), rgba.subarray(y * width * 4, (y + 1) * width * 4)); // filter: none
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function draw(shape, [r, g, b]) {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE)) hits++;
        }
      }
      rgba.set([r, g, b, Math.round((255 * hits) / SAMPLES ** 2)], (py * SIZE + px) * 4);
    }
  }
  return png(SIZE, SIZE, rgba);
}

const outDir = path.resolve(import.meta.dirname, '../src/assets');
for (const [name, shape] of Object.entries(shapes)) {
  writeFileSync(path.join(outDir, `tab-${name}.png`), draw(shape, colours.idle));
  writeFileSync(path.join(outDir, `tab-${name}-active.png`), draw(shape, colours.active));
}
console.log(`tab bar icons written to ${path.relative(process.cwd(), outDir)}`);
