// Draws the app icon (a wheel: Förbättringshjulet) as PNGs with no image library. Run once; output committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function icon(size, maskable) {
  const bg = [0x0b, 0x4f, 0x6c];
  const fg = [0xff, 0xff, 0xff];
  const accent = [0xf4, 0xa2, 0x59];
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const c = size / 2;
  const scale = maskable ? 0.62 : 0.8; // maskable icons keep their drawing inside the safe zone
  const rOuter = (size / 2) * scale;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - c;
      const dy = y + 0.5 - c;
      const r = Math.hypot(dx, dy);
      const angle = Math.atan2(dy, dx);
      let color = bg;
      const rim = r <= rOuter && r >= rOuter * 0.8;
      const hub = r <= rOuter * 0.2;
      const spoke = r < rOuter * 0.8 && [0, 1, 2, 3].some((k) => Math.abs(Math.sin(angle - (k * Math.PI) / 4)) * r < size * 0.03);
      if (rim || spoke) color = fg;
      if (hub) color = accent;
      if (!maskable && r > size / 2) color = bg;
      raw.set(color, y * (size * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync('public/icons/icon-192.png', icon(192, false));
writeFileSync('public/icons/icon-512.png', icon(512, false));
writeFileSync('public/icons/maskable-512.png', icon(512, true));
writeFileSync('public/icons/apple-touch-icon.png', icon(180, false));
