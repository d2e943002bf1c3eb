// A small PNG reader for tests: chunk walk with CRC check, IHDR, and decoding of 8-bit RGBA non-interlaced
// images (what resvg writes) into raw pixels, so golden images can be compared pixel by pixel.
import { inflateSync } from 'node:zlib';

export interface Ihdr {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface Chunk {
  type: string;
  data: Buffer;
}

/** Every chunk, checking the signature and each CRC; throws on anything malformed. */
export function chunks(png: Buffer): Chunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG signature');
  const out: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    if (at + 12 > png.length) throw new Error('truncated chunk');
    const len = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    const crc = png.readUInt32BE(at + 8 + len);
    if (crc32(png.subarray(at + 4, at + 8 + len)) !== crc) throw new Error(`bad CRC in ${type}`);
    out.push({ type, data });
    at += 12 + len;
    if (type === 'IEND') break;
  }
  if (out[0]?.type !== 'IHDR') throw new Error('first chunk is not IHDR');
  if (out[out.length - 1]?.type !== 'IEND') throw new Error('no IEND');
  return out;
}

export function ihdr(png: Buffer): Ihdr {
  const d = chunks(png)[0]?.data;
  if (!d || d.length !== 13) throw new Error('bad IHDR');
  return { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8] ?? 0, colorType: d[9] ?? 0, interlace: d[12] ?? 0 };
}

/** RGBA pixels of an 8-bit RGBA (color type 6) non-interlaced PNG. */
export function decodeRgba(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const all = chunks(png);
  const h = ihdr(png);
  if (h.bitDepth !== 8 || h.colorType !== 6 || h.interlace !== 0) throw new Error(`unsupported PNG ${JSON.stringify(h)}`);
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const bpp = 4;
  const stride = h.width * bpp;
  const out = Buffer.alloc(stride * h.height);
  for (let y = 0; y < h.height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (out[row + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[prev + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[prev + x - bpp] ?? 0) : 0;
      const v = raw[src + x] ?? 0;
      let p: number;
      switch (filter) {
        case 0: p = v; break;
        case 1: p = v + a; break;
        case 2: p = v + b; break;
        case 3: p = v + ((a + b) >> 1); break;
        case 4: {
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - 2 * c);
          p = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
          break;
        }
        default: throw new Error(`bad filter ${filter}`);
      }
      out[row + x] = p & 0xff;
    }
  }
  return { width: h.width, height: h.height, pixels: out };
}

/** Pixels whose largest channel difference exceeds `threshold`. */
export function differingPixels(a: Buffer, b: Buffer, threshold = 24): number {
  if (a.length !== b.length) throw new Error('images differ in size');
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    const d = Math.max(Math.abs((a[i] ?? 0) - (b[i] ?? 0)), Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)), Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)), Math.abs((a[i + 3] ?? 0) - (b[i + 3] ?? 0)));
    if (d > threshold) n += 1;
  }
  return n;
}
