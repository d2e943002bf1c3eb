// The bundled font (Inter, shipped as TTF inside the npm package @expo-google-fonts/inter) and its advance
// widths, read straight from the TTF tables (head, hhea, hmtx, cmap format 4/12), so the layout can measure
// labels exactly as resvg will draw them, without a canvas and without any system font.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const FONT_FAMILY = 'Inter';
export type Weight = 'regular' | 'bold';

const require = createRequire(import.meta.url);

function packageDir(): string {
  // The package has no "exports" map: its package.json resolves directly.
  return dirname(require.resolve('@expo-google-fonts/inter/package.json'));
}

/** Absolute paths of the two TTF files the renderer loads (regular and bold). */
export function fontFiles(): Record<Weight, string> {
  const dir = packageDir();
  return {
    regular: join(dir, '400Regular', 'Inter_400Regular.ttf'),
    bold: join(dir, '700Bold', 'Inter_700Bold.ttf'),
  };
}

export interface FontMetrics {
  unitsPerEm: number;
  /** Advance width in font units by code point. */
  advance: Map<number, number>;
  /** Advance of the .notdef glyph (used for unmapped code points). */
  fallback: number;
  ascender: number;
  descender: number;
}

/** Parse the tables needed for advance widths. Throws on a file that is not a TrueType/OpenType font. */
export function parseFontMetrics(buf: Buffer): FontMetrics {
  const numTables = buf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const at = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font has no ${tag} table`);
    return off;
  };
  const head = at('head');
  const unitsPerEm = buf.readUInt16BE(head + 18);
  const hhea = at('hhea');
  const ascender = buf.readInt16BE(hhea + 4);
  const descender = buf.readInt16BE(hhea + 6);
  const numberOfHMetrics = buf.readUInt16BE(hhea + 34);
  const hmtx = at('hmtx');
  const glyphAdvance = (glyph: number): number => buf.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = at('cmap');
  const numSub = buf.readUInt16BE(cmap + 2);
  let best: { offset: number; format: number } | null = null;
  for (let i = 0; i < numSub; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const offset = cmap + buf.readUInt32BE(rec + 4);
    const format = buf.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || (format !== 4 && format !== 12)) continue;
    if (!best || (format === 12 && best.format === 4)) best = { offset, format };
  }
  if (!best) throw new Error('font has no Unicode cmap');
  const advance = new Map<number, number>();
  if (best.format === 12) {
    const groups = buf.readUInt32BE(best.offset + 12);
    for (let g = 0; g < groups; g++) {
      const rec = best.offset + 16 + g * 12;
      const start = buf.readUInt32BE(rec);
      const end = buf.readUInt32BE(rec + 4);
      const glyph = buf.readUInt32BE(rec + 8);
      for (let c = start; c <= end && c <= 0x2ffff; c++) advance.set(c, glyphAdvance(glyph + (c - start)));
    }
  } else {
    const o = best.offset;
    const segX2 = buf.readUInt16BE(o + 6);
    const ends = o + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = buf.readUInt16BE(ends + 2 * s);
      const start = buf.readUInt16BE(starts + 2 * s);
      const delta = buf.readInt16BE(deltas + 2 * s);
      const rangeOffset = buf.readUInt16BE(ranges + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const addr = ranges + 2 * s + rangeOffset + 2 * (c - start);
          glyph = buf.readUInt16BE(addr);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) advance.set(c, glyphAdvance(glyph));
      }
    }
  }
  return { unitsPerEm, advance, fallback: glyphAdvance(0), ascender, descender };
}

let loaded: Record<Weight, FontMetrics> | null = null;

export function bundledMetrics(): Record<Weight, FontMetrics> {
  if (!loaded) {
    const files = fontFiles();
    loaded = { regular: parseFontMetrics(readFileSync(files.regular)), bold: parseFontMetrics(readFileSync(files.bold)) };
  }
  return loaded;
}

/** Width in pixels of `text` set in `size` px: the sum of advances (no kerning, which only ever narrows Inter's Latin). */
export function textWidth(metrics: FontMetrics, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += metrics.advance.get(ch.codePointAt(0) ?? 0) ?? metrics.fallback;
  return (units * size) / metrics.unitsPerEm;
}

export type Measure = (text: string, size: number, weight: Weight) => number;

/** The measure the layout uses by default: the bundled font's real advances. */
export const measureText: Measure = (text, size, weight) => textWidth(bundledMetrics()[weight], text, size);
