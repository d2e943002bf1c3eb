// The picture: a valid PNG of the size the layout says, drawn with the bundled font only, matching a golden
// image of the seeds within a tolerance; the seeds' marks come from the real extraction; 60 defections render
// well inside Discord's 3-second window. Regenerate the golden with TIMELINE_GOLDEN=update.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, type AnswerIndex } from '../../src/answer/index.ts';
import { extractFromDir } from '../../src/extract/index.ts';
import type { MarkInput } from '../../src/timeline/data.ts';
import { timelineInput } from '../../src/timeline/data.ts';
import { fontFiles, measureText } from '../../src/timeline/font.ts';
import { rasterize, rasterizePixels, renderMarks, timelineCaption, timelinePng, timelinePngAsync } from '../../src/timeline/render.ts';
import { chunks, decodeRgba, differingPixels, ihdr } from './png.ts';
import { syntheticMarks } from './synthetic.ts';

const GOLDEN_DIR = 'tests/fixtures/timeline';
const GOLDEN_PNG = `${GOLDEN_DIR}/seeds.png`;
const GOLDEN_MARKS = `${GOLDEN_DIR}/seeds-marks.json`;
const UPDATE = process.env.TIMELINE_GOLDEN === 'update';
/** Anti-aliasing may differ across CPUs and resvg builds: allow 0.5% of pixels to differ noticeably. */
const TOLERANCE = 0.005;

let index: AnswerIndex;
let liveMarks: MarkInput[];
beforeAll(async () => {
  index = buildIndex(await extractFromDir('seeds'));
  liveMarks = timelineInput(index);
  if (UPDATE) writeFileSync(GOLDEN_MARKS, `${JSON.stringify(liveMarks, null, 2)}\n`);
}, 120_000);

function seedCaption(marks: MarkInput[]): { title: string; subtitle: string } {
  return { title: 'Defections', subtitle: `${marks.length} defections · from the seed articles` };
}

describe('the PNG', () => {
  it('is a valid PNG (signature, CRCs, IHDR, IEND) of the size the layout gives, 8-bit RGBA', () => {
    const img = renderMarks(syntheticMarks(3), { title: 'Three' });
    const h = ihdr(img.png);
    expect(h).toEqual({ width: 1100, height: img.layout.height, bitDepth: 8, colorType: 6, interlace: 0 });
    expect(img.width).toBe(1100);
    expect(chunks(img.png).map((c) => c.type)).toContain('IDAT');
    const decoded = decodeRgba(img.png);
    expect(decoded.pixels.length).toBe(1100 * img.layout.height * 4);
  });

  it('a corrupted PNG is refused by the reader (the checks can fail)', () => {
    const img = renderMarks(syntheticMarks(3));
    const bad = Buffer.from(img.png);
    bad[20] = (bad[20] ?? 0) ^ 0xff; // inside IHDR
    expect(() => ihdr(bad)).toThrow(/CRC/);
    expect(() => ihdr(Buffer.from('GIF89a'))).toThrow(/signature/);
  });

  it('grows in height with the number of defections, at a fixed width', () => {
    const h3 = ihdr(renderMarks(syntheticMarks(3)).png);
    const h60 = ihdr(renderMarks(syntheticMarks(60)).png);
    expect(h3.width).toBe(1100);
    expect(h60.width).toBe(1100);
    expect(h60.height).toBeGreaterThan(h3.height * 3);
  });

  it('scales to the 550 px Discord shows on a phone', () => {
    const img = renderMarks(syntheticMarks(3));
    const small = rasterize(img.svg, 550);
    expect(ihdr(small.png).width).toBe(550);
    expect(ihdr(small.png).height).toBe(Math.round(img.layout.height / 2));
  });

  it('uses only the bundled font: text is drawn (ink pixels) even with system fonts off', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="28" font-family="Inter" font-size="24">Abc</text></svg>`;
    const { pixels } = rasterizePixels(svg);
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if ((pixels[i] ?? 255) < 128) dark += 1;
    expect(dark).toBeGreaterThan(50);
  });

  it('measures labels at least as wide as resvg draws them (so boxes that do not overlap do not overlap in pixels)', () => {
    const f = fontFiles();
    for (const [text, weight] of [['Oskarev-Lindqvist · ambassador to Norvania', 'regular'], ['WAVY Ärlen Tëllimark', 'bold'], ['by 6 Aug 2040 (report)', 'regular']] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1100" height="60"><text x="10" y="40" font-family="Inter" font-size="22" font-weight="${weight === 'bold' ? 700 : 400}">${text}</text></svg>`;
      const bbox = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [f.regular, f.bold], defaultFontFamily: 'Inter' } }).innerBBox();
      expect(bbox).toBeDefined();
      const measured = measureText(text, 22, weight);
      expect(measured).toBeGreaterThanOrEqual((bbox?.width ?? 0) - 1);
      expect(measured).toBeLessThan((bbox?.width ?? 0) * 1.1 + 4);
    }
  });

  it('async rendering (off the event loop) gives the same image as the synchronous one', async () => {
    const a = timelinePng(index);
    const b = await timelinePngAsync(index);
    expect(differingPixels(decodeRgba(a.png).pixels, decodeRgba(b.png).pixels, 0)).toBe(0);
  });
});

describe('the seeds', () => {
  it('marks come from the extracted facts: shapes, kinds, dates', () => {
    const m = (name: RegExp) => {
      const x = liveMarks.find((k) => name.test(k.name));
      if (!x) throw new Error(`no mark ${name}: ${liveMarks.map((k) => k.name).join(', ')}`);
      return x;
    };
    const layout = timelinePng(index).layout;
    const laid = (name: RegExp) => layout.marks.find((k) => name.test(k.name));
    expect(m(/Hijab/).kind).toBe('government');
    expect(m(/Hijab/).dates.map((d) => d.date.value)).toEqual(['2012-08-06']);
    expect(laid(/Hijab/)?.glyphs.map((g) => g.shape)).toEqual(['dot']);
    expect(m(/Fares/).kind).toBe('diplomatic');
    expect(laid(/Fares/)?.dateTexts).toEqual(['11 Jul 2012']);
    // Sources disagree on Husameddine's day: both drawn, each with its article.
    expect(laid(/Husameddin/)?.dateTexts).toEqual(['7 Mar 2012', '8 Mar 2012']);
    expect(laid(/Husameddin/)?.text.map((t) => t.text).join('\n')).toMatch(/7 Mar 2012: 000 \(AFP\)\n8 Mar 2012: 001/);
    // "Earlier" (a bound, no day) is hollow, not a false exact day.
    expect(laid(/Tlas/)?.glyphs.map((g) => [g.shape, g.before])).toEqual([['hollow', true]]);
    expect(m(/Tlas/).kind).toBe('military');
    // Month precision is a span.
    expect(laid(/Bakkour/)?.glyphs.map((g) => g.shape)).toEqual(['span']);
    expect(laid(/Imadi/)?.kind).toBe('diplomatic');
    for (const k of liveMarks) expect(k.sources.length).toBeGreaterThan(0);
  });

  it('the extracted marks still equal the golden marks (else regenerate: TIMELINE_GOLDEN=update)', () => {
    expect(JSON.parse(JSON.stringify(liveMarks))).toEqual(JSON.parse(readFileSync(GOLDEN_MARKS, 'utf8')));
  });

  it('the picture matches the golden PNG within tolerance', () => {
    const marks = JSON.parse(readFileSync(GOLDEN_MARKS, 'utf8')) as MarkInput[];
    const img = renderMarks(marks, seedCaption(marks));
    if (UPDATE || !existsSync(GOLDEN_PNG)) writeFileSync(GOLDEN_PNG, img.png);
    const golden = decodeRgba(readFileSync(GOLDEN_PNG));
    const now = decodeRgba(img.png);
    expect([now.width, now.height]).toEqual([golden.width, golden.height]);
    const diff = differingPixels(now.pixels, golden.pixels);
    expect(diff / (now.width * now.height)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('the golden comparison notices a changed picture (a moved mark)', () => {
    const marks = JSON.parse(readFileSync(GOLDEN_MARKS, 'utf8')) as MarkInput[];
    const moved = marks.map((m, i) => (i === 0 ? { ...m, name: `${m.name} X`, kind: 'other' as const } : m));
    const img = renderMarks(moved, seedCaption(moved));
    const golden = decodeRgba(readFileSync(GOLDEN_PNG));
    const now = decodeRgba(img.png);
    const diff = now.height === golden.height ? differingPixels(now.pixels, golden.pixels) : Infinity;
    expect(diff).toBeGreaterThan(50);
  });

  it('title and subtitle say what is drawn and from how many articles', () => {
    const c = timelineCaption(index, liveMarks, { from: '2012-07-01', to: '2012-07-31' });
    expect(c.title).toBe('Defections, July 2012');
    expect(c.subtitle).toBe(`${liveMarks.length} defections · from 5 of 5 articles`);
    const p = timelineCaption(index, liveMarks.slice(0, 1), { person: 'x', personName: 'Someone Invented' });
    expect(p.title).toBe('Defection of Someone Invented');
  });
});

describe('render time', () => {
  it('60 defections: layout + SVG + PNG well inside 3 s (reported)', () => {
    const marks = syntheticMarks(60);
    renderMarks(marks); // warm-up (font files, native module)
    const times: number[] = [];
    let height = 0;
    for (let i = 0; i < 3; i++) {
      const img = renderMarks(marks, { title: '60 invented defections' });
      times.push(img.ms);
      height = img.height;
    }
    const median = [...times].sort((a, b) => a - b)[1] ?? 0;
    console.log(`[timeline] 60 defections: 1100x${height} px, median ${median.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
    expect(median).toBeLessThan(3000);
  });
});
