// SVG -> PNG with resvg (its native binary ships inside the npm package) and only the bundled font: no
// system fonts, so the picture is the same on every machine. timelinePng() is the whole pipeline.
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { AnswerIndex } from '../answer/index.ts';
import { describeRange } from '../answer/dates.ts';

import { FONT_FAMILY, fontFiles } from './font.ts';
import { timelineInput, type MarkInput, type TimelineQuery } from './data.ts';
import { layoutTimeline, type Layout, type LayoutOptions } from './layout.ts';
import { timelineSvg } from './svg.ts';

export interface Raster {
  png: Buffer;
  width: number;
  height: number;
}

/** Only the bundled font, never the system's: the same picture on every machine. */
function resvgOptions(fitWidth?: number): ResvgRenderOptions {
  const files = fontFiles();
  return {
    font: { loadSystemFonts: false, fontFiles: [files.regular, files.bold], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
    ...(fitWidth ? { fitTo: { mode: 'width' as const, value: fitWidth } } : {}),
  };
}

function resvg(svg: string, fitWidth?: number): Resvg {
  return new Resvg(svg, resvgOptions(fitWidth));
}

/** Rasterise an SVG to PNG bytes (optionally scaled to `fitWidth` px, e.g. 550 to see it as a phone does). */
export function rasterize(svg: string, fitWidth?: number): Raster {
  const image = resvg(svg, fitWidth).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Raw RGBA pixels of an SVG, for pixel comparisons. */
export function rasterizePixels(svg: string): { pixels: Buffer; width: number; height: number } {
  const image = resvg(svg).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

export interface TimelineImage extends Raster {
  layout: Layout;
  svg: string;
  marks: MarkInput[];
  /** Milliseconds spent in layout + SVG + rasterising. */
  ms: number;
}

/** Render marks to a PNG. */
export function renderMarks(marks: MarkInput[], options: LayoutOptions = {}): TimelineImage {
  const t0 = performance.now();
  const layout = layoutTimeline(marks, options);
  const svg = timelineSvg(layout);
  const raster = rasterize(svg);
  return { ...raster, layout, svg, marks, ms: performance.now() - t0 };
}

function isOpen(iso: string | undefined): boolean {
  return !iso || iso.startsWith('0000') || iso.startsWith('9999');
}

/** Title and subtitle words for a query. */
export function timelineCaption(index: AnswerIndex, marks: MarkInput[], query: TimelineQuery & { personName?: string }): { title: string; subtitle: string } {
  const from = isOpen(query.from) ? '0000-01-01' : (query.from ?? '');
  const to = isOpen(query.to) ? '9999-12-31' : (query.to ?? '');
  const span = isOpen(query.from) && isOpen(query.to) ? null : describeRange(from, to);
  const title = query.personName ? `Defection of ${query.personName}` : `Defections${span ? `, ${span}` : ''}`;
  const articles = new Set<string>();
  for (const m of marks) for (const s of m.sources) articles.add(s.article);
  const parts = [
    `${marks.length} defection${marks.length === 1 ? '' : 's'}`,
    ...(query.personName && span ? [span] : []),
    `from ${articles.size} of ${index.table.articles.length} article${index.table.articles.length === 1 ? '' : 's'}`,
  ];
  return { title, subtitle: parts.join(' · ') };
}

/** Marks of the query, their layout and SVG. */
function prepare(index: AnswerIndex, query: TimelineQuery & { personName?: string }, options: LayoutOptions): { marks: MarkInput[]; layout: Layout; svg: string } {
  const marks = timelineInput(index, query);
  const caption = timelineCaption(index, marks, query);
  const range = { ...(query.from && !isOpen(query.from) ? { from: query.from } : {}), ...(query.to && !isOpen(query.to) ? { to: query.to } : {}) };
  const layout = layoutTimeline(marks, { title: caption.title, subtitle: caption.subtitle, range, ...options });
  return { marks, layout, svg: timelineSvg(layout) };
}

/** The whole pipeline for a table: marks of the query -> PNG. */
export function timelinePng(index: AnswerIndex, query: TimelineQuery & { personName?: string } = {}, options: LayoutOptions = {}): TimelineImage {
  const t0 = performance.now();
  const { marks, layout, svg } = prepare(index, query, options);
  return { ...rasterize(svg), layout, svg, marks, ms: performance.now() - t0 };
}


/** The same pipeline, rasterising on libuv's thread pool so the bot's event loop (and its defer timer) keeps running. */
export async function timelinePngAsync(index: AnswerIndex, query: TimelineQuery & { personName?: string } = {}, options: LayoutOptions = {}): Promise<TimelineImage> {
  const t0 = performance.now();
  const { marks, layout, svg } = prepare(index, query, options);
  const image = await renderAsync(svg, resvgOptions());
  return { png: image.asPng(), width: image.width, height: image.height, layout, svg, marks, ms: performance.now() - t0 };
}
