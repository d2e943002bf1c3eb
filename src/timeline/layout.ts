// layoutTimeline: a pure function from the marks (src/timeline/data.ts) to positioned shapes and text.
// x comes from the dates the sources give; a day is a dot, a month (or a year, or a "between" range) a span,
// a bound ("earlier", "by the date of the report") a hollow mark with an arrow to the left, and a defection no
// source dates a hollow mark in a "no date" column. Labels (name, role at the time, date) sit beside their
// marks and are packed into lanes so no two label boxes overlap; the picture grows in height as needed.
import type { DateValue } from '../facts/schema.ts';
import { measureText, type Measure, type Weight } from './font.ts';
import { POST_KINDS, type PostKind } from './kinds.ts';
import type { MarkInput } from './data.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type GlyphShape = 'dot' | 'span' | 'hollow';

export interface Glyph {
  shape: GlyphShape;
  /** Centre (dot, hollow) or left end (span). */
  x: number;
  /** Right end of a span; equal to x otherwise. */
  x2: number;
  y: number;
  /** "On or before this day": an arrow runs left from the mark. */
  before: boolean;
  /** Index into the mark's dates. */
  date: number;
}

export interface TextRun {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  weight: Weight;
  anchor: 'start' | 'end';
  tone: 'ink' | 'muted';
  /** Measured width (the layout's measure). */
  width: number;
}

export interface PositionedMark {
  key: string;
  name: string;
  role: string | null;
  kind: PostKind;
  lane: number;
  glyphs: Glyph[];
  /** Dashed line joining the dates of sources that disagree (each date sits on the label line that cites it). */
  connector: Array<{ x: number; y: number }> | null;
  text: TextRun[];
  /** The label text's box. */
  label: Box;
  /** Everything the mark occupies (glyphs, arrow, label): never overlaps another mark's box. */
  box: Box;
  undated: boolean;
  /** Short date words shown in the label, one per date. */
  dateTexts: string[];
}

export interface Tick {
  /** YYYY-MM */
  month: string;
  x: number;
  /** Month label centred in its month, or null when skipped for room. */
  label: string | null;
  labelX: number;
  /** A year label under this tick (January, or the first tick). */
  year: string | null;
}

export interface LegendItem {
  kind: PostKind | 'day' | 'span' | 'hollow' | 'differ';
  text: string;
  x: number;
  y: number;
  width: number;
}

export interface Layout {
  width: number;
  height: number;
  title: TextRun;
  subtitle: TextRun | null;
  legend: LegendItem[];
  /** Area the lanes occupy (dated part and, when present, the no-date column). */
  plot: Box;
  /** The "no date" column at the left of the plot, when some mark has no date. */
  undatedColumn: Box | null;
  axis: { x1: number; x2: number; topY: number; bottomY: number | null; ticks: Tick[]; from: string; to: string };
  lanes: Array<{ y: number; height: number }>;
  marks: PositionedMark[];
  footer: TextRun;
  /** Pixel sizes used, for legibility checks at phone width (half of `width`). */
  sizes: { title: number; name: number; detail: number; axis: number; small: number };
  compact: boolean;
}

export interface LayoutOptions {
  /** Picture width in px; Discord shows attachments about 550 px wide on phones, so 1100 is drawn at 2x. */
  width?: number;
  title?: string;
  subtitle?: string;
  /** Inclusive ISO range asked for; the axis covers it (open ends follow the marks). */
  range?: { from?: string; to?: string };
  /** Text width measure; defaults to the bundled font's advances. */
  measure?: Measure;
  /** One-line labels; by default when there are more than 12 marks. */
  compact?: boolean;
  footer?: string;
}

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const KIND_LABEL: Record<PostKind, string> = { government: 'Government', diplomatic: 'Diplomatic', military: 'Military', other: 'Other' };

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

function isoOfDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

function addMonths(iso: string, k: number): string {
  const [y, m] = iso.split('-').map(Number);
  const total = (y ?? 1970) * 12 + ((m ?? 1) - 1) + k;
  return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

function monthEnd(iso: string): string {
  return isoOfDay(dayNumber(addMonths(monthStart(iso), 1)) - 1);
}

function validIso(s: string | null | undefined): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !s.startsWith('0000') && !s.startsWith('9999');
}

function dayText(iso: string, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTH_ABBR[(m ?? 1) - 1] ?? ''}${withYear ? ` ${y}` : ''}`;
}

/** How a date is drawn: a day, a span of days, a bound ("on or before"), or nothing on the calendar. */
export type DateShape =
  | { shape: 'dot'; day: string }
  | { shape: 'span'; from: string; to: string }
  | { shape: 'before'; day: string }
  | { shape: 'undated' };

export function dateShape(d: DateValue): DateShape {
  const from = validIso(d.from) ? d.from : null;
  const to = validIso(d.to) ? d.to : null;
  if (d.qualifier === 'reported' && d.value !== null && to) return { shape: 'before', day: to };
  if (d.value !== null && d.precision === 'day' && from && to && from === to) return { shape: 'dot', day: from };
  if (from && to && from < to) return { shape: 'span', from, to };
  if (from && to && from === to) return d.value === null && d.qualifier === 'before' ? { shape: 'before', day: to } : { shape: 'dot', day: from };
  if (to && !from) return { shape: 'before', day: to };
  if (from && !to) return { shape: 'dot', day: from };
  return { shape: 'undated' };
}

/** Short words for a date in a label: "7 Mar 2012", "Jan 2012", "late Aug 2011", "before 11 Jul 2012". */
export function shortDate(d: DateValue): string {
  const s = dateShape(d);
  const q = d.qualifier && d.qualifier !== 'reported' && d.qualifier !== 'before' ? `${d.qualifier} ` : '';
  switch (s.shape) {
    case 'dot':
      return `${q}${dayText(s.day)}`;
    case 'before':
      return d.qualifier === 'reported' ? `by ${dayText(s.day)} (report)` : `before ${dayText(s.day)}`;
    case 'span': {
      const v = d.value ?? '';
      if (d.precision === 'month' && /^\d{4}-\d{2}$/.test(v)) return `${q}${MONTH_ABBR[Number(v.slice(5, 7)) - 1] ?? ''} ${v.slice(0, 4)}`;
      if (d.precision === 'year' && /^\d{4}$/.test(v)) return `${q}${v}`;
      return `${dayText(s.from, s.from.slice(0, 4) !== s.to.slice(0, 4))} – ${dayText(s.to)}`;
    }
    case 'undated':
      return d.text.trim() === '' ? 'date not given' : `"${d.text.trim()}"`;
  }
}

// ------------------------------------------------------------------ geometry constants (at width 1100)

const MARGIN = 40;
const GLYPH_R = 10;
const SPAN_H = 14;
const ARROW = 30;
const GAP = 12;
const BOX_PAD = 10;
const LANE_GAP = 12;
const UNDATED_W = 130;
const LABEL_COL = 430;
const DATE_SIZE = 20;

function ellipsize(text: string, max: number, size: number, weight: Weight, measure: Measure): string {
  if (measure(text, size, weight) <= max) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${text.slice(0, mid).trimEnd()}…`, size, weight) <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** Greedy word wrap into at most `maxLines` lines; the last one ellipsized if the text still does not fit. */
function wrap(text: string, max: number, size: number, weight: Weight, measure: Measure, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = cur ? `${cur} ${w}` : w;
    if (measure(next, size, weight) <= max || cur === '') cur = next;
    else {
      lines.push(cur);
      cur = w;
      if (lines.length === maxLines - 1) {
        cur = words.slice(i).join(' ');
        break;
      }
    }
  }
  if (cur) lines.push(cur);
  return lines.map((l) => ellipsize(l, max, size, weight, measure));
}

/** "22 or 23 Jul 2040" for days of one month; otherwise the dates joined with "or". */
export function joinDates(texts: string[]): string {
  const parts = texts.map((t) => /^(\d{1,2}) ([A-Z][a-z]{2} \d{4})$/.exec(t));
  const suffix = parts[0]?.[2];
  if (texts.length > 1 && suffix && parts.every((p) => p?.[2] === suffix)) return `${parts.map((p) => p?.[1] ?? '').join(' or ')} ${suffix}`;
  return texts.join(' or ');
}

interface Draft {
  input: MarkInput;
  shapes: DateShape[];
  dateTexts: string[];
  lines: Array<{ text: string; size: number; weight: Weight; tone: 'ink' | 'muted' }>;
  undated: boolean;
}

export function layoutTimeline(marks: readonly MarkInput[], options: LayoutOptions = {}): Layout {
  const width = Math.max(600, Math.round(options.width ?? 1100));
  const scale = width / 1100;
  const measure = options.measure ?? measureText;
  const compact = options.compact ?? marks.length > 12;
  const sizes = { title: 36, name: 26, detail: 22, axis: 22, small: 22 };
  const lineHeight = (size: number): number => Math.round(size * 1.3);
  const maxLabel = Math.round(470 * scale);

  // ---- drafts: shapes, date words, label lines
  const drafts: Draft[] = marks.map((m) => {
    const shapes = m.dates.map((d) => dateShape(d.date));
    const dateTexts = m.dates.map((d) => shortDate(d.date));
    const undated = shapes.length === 0 || shapes.every((s) => s.shape === 'undated');
    const when = dateTexts.length === 0 ? 'date not given' : dateTexts.join(' or ');
    const lines: Draft['lines'] = [];
    if (compact) {
      // Rows mode: the label column and the date beside the mark are composed below.
      return { input: m, shapes, dateTexts, lines, undated };
    } else {
      for (const text of wrap(m.name, maxLabel, sizes.name, 'bold', measure, 2)) lines.push({ text, size: sizes.name, weight: 'bold', tone: 'ink' });
      const detail = [m.role, dateTexts.length > 1 ? null : when].filter((x): x is string => !!x).join(' · ');
      if (detail) lines.push({ text: detail, size: sizes.detail, weight: 'regular', tone: 'muted' });
    }
    if (dateTexts.length > 1) {
      // Sources disagree: every date with the articles that give it.
      m.dates.forEach((d, i) => lines.push({ text: `${dateTexts[i] ?? ''}: ${d.cites.join(', ')}`, size: sizes.detail, weight: 'regular', tone: 'muted' }));
    }
    for (const l of lines) l.text = ellipsize(l.text, maxLabel, l.size, l.weight, measure);
    return { input: m, shapes, dateTexts, lines, undated };
  });

  // ---- time domain, whole months
  const points: string[] = [];
  for (const d of drafts)
    for (const s of d.shapes) {
      if (s.shape === 'dot') points.push(s.day);
      else if (s.shape === 'before') points.push(s.day, isoOfDay(dayNumber(s.day) - 20)); // room for the arrow
      else if (s.shape === 'span') points.push(s.from, s.to);
    }
  const rFrom = validIso(options.range?.from) ? options.range?.from : undefined;
  const rTo = validIso(options.range?.to) ? options.range?.to : undefined;
  points.sort();
  // The range asked for, widened to any date a source gives outside it (a disagreeing source).
  const lo = [rFrom, points[0]].filter(validIso).sort()[0];
  const hi = [rTo, points[points.length - 1]].filter(validIso).sort().pop();
  let from = monthStart(lo ?? hi ?? '2000-01-01');
  let to = monthEnd(hi ?? lo ?? from);
  if (from > to) [from, to] = [monthStart(to), monthEnd(from)];
  // At least three months, so one defection still has context around it.
  const monthsOf = (a: string, b: string): number => (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7)) + 1;
  while (monthsOf(from, to) < 3) {
    if (!rFrom) from = addMonths(from, -1);
    if (monthsOf(from, to) < 3 && !rTo) to = monthEnd(addMonths(to, 1));
    if (rFrom && rTo) break;
  }

  // ---- header
  const title: TextRun = { text: ellipsize(options.title ?? 'Defections', width - 2 * MARGIN, sizes.title, 'bold', measure), x: MARGIN, y: MARGIN + sizes.title, size: sizes.title, weight: 'bold', anchor: 'start', tone: 'ink', width: 0 };
  title.width = measure(title.text, title.size, title.weight);
  let y = title.y + 10;
  let subtitle: TextRun | null = null;
  if (options.subtitle) {
    const text = ellipsize(options.subtitle, width - 2 * MARGIN, sizes.small, 'regular', measure);
    subtitle = { text, x: MARGIN, y: y + sizes.small + 4, size: sizes.small, weight: 'regular', anchor: 'start', tone: 'muted', width: measure(text, sizes.small, 'regular') };
    y = subtitle.y + 8;
  }
  const legend: LegendItem[] = [];
  const present = new Set(drafts.map((d) => d.input.kind));
  const legendEntries: Array<{ kind: LegendItem['kind']; text: string }> = POST_KINDS.filter((k) => present.has(k)).map((k) => ({ kind: k, text: KIND_LABEL[k] }));
  const allShapes = drafts.flatMap((d) => d.shapes.map((s) => s.shape));
  if (allShapes.includes('dot')) legendEntries.push({ kind: 'day', text: 'day' });
  if (allShapes.includes('span')) legendEntries.push({ kind: 'span', text: 'month / period' });
  if (allShapes.includes('before') || allShapes.includes('undated')) legendEntries.push({ kind: 'hollow', text: 'earlier / undated' });
  if (drafts.some((d) => d.shapes.length > 1)) legendEntries.push({ kind: 'differ', text: 'sources differ' });
  let lx = MARGIN;
  let ly = y + 34;
  for (const e of legendEntries) {
    const w = 40 + measure(e.text, sizes.small, 'regular') + 26;
    if (lx + w > width - MARGIN && lx > MARGIN) {
      lx = MARGIN;
      ly += 34;
    }
    legend.push({ kind: e.kind, text: e.text, x: lx, y: ly, width: w });
    lx += w;
  }
  y = ly + 24;

  // ---- horizontal scale
  const hasUndated = drafts.some((d) => d.undated);
  // Rows mode (many marks): a label column at the left, one row per defection in date order.
  const labelCol = compact ? Math.round(LABEL_COL * scale) : 0;
  const colX = MARGIN + (compact ? labelCol + 12 : 0);
  const undatedColumn: Box | null = hasUndated ? { x: colX, y: 0, width: UNDATED_W * scale, height: 0 } : null;
  const x1 = colX + (undatedColumn ? undatedColumn.width + 16 : 0) + 8;
  const x2 = width - MARGIN - 8;
  const d0 = dayNumber(from);
  const d1 = dayNumber(to) + 1;
  const xOfDay = (iso: string): number => x1 + ((dayNumber(iso) - d0) / (d1 - d0)) * (x2 - x1);
  const dayW = (x2 - x1) / (d1 - d0);
  const xMid = (iso: string): number => xOfDay(iso) + dayW / 2;
  const xEnd = (iso: string): number => xOfDay(iso) + dayW;

  // ---- ticks: every month; labels every k months, as room allows
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  const monthW = (x2 - x1) / months.length;
  const labelW = measure('May', sizes.axis, 'regular') + 12;
  const step = [1, 2, 3, 4, 6, 12, 24, 60, 120].find((k) => k * monthW >= labelW) ?? 120;
  const ticks: Tick[] = months.map((m, i) => {
    const month = Number(m.slice(5, 7));
    const showLabel = step < 12 ? (month - 1) % step === 0 : month === 1 && Number(m.slice(0, 4)) % (step / 12) === 0;
    const label = showLabel ? (step >= 12 ? m.slice(0, 4) : (MONTH_ABBR[month - 1] ?? '')) : null;
    const yearLabel = step < 12 && (month === 1 || i === 0) ? m.slice(0, 4) : null;
    return { month: m.slice(0, 7), x: xOfDay(m), label, labelX: step >= 12 ? xOfDay(m) : xOfDay(m) + (monthW * Math.min(step, months.length - i)) / 2, year: yearLabel };
  });
  const topY = y + sizes.axis + 8 + (ticks.some((t) => t.year) ? sizes.axis + 6 : 0);
  y = topY + 18;

  // ---- glyphs of a mark (x only) and their horizontal extent
  const glyphsOf = (draft: Draft): { glyphs: Array<Omit<Glyph, 'y'>>; minX: number; maxX: number } => {
    const glyphs: Array<Omit<Glyph, 'y'>> = [];
    draft.shapes.forEach((s, i) => {
      if (s.shape === 'dot') glyphs.push({ shape: 'dot', x: xMid(s.day), x2: xMid(s.day), before: false, date: i });
      else if (s.shape === 'span') glyphs.push({ shape: 'span', x: xOfDay(s.from), x2: Math.max(xEnd(s.to), xOfDay(s.from) + 6), before: false, date: i });
      else if (s.shape === 'before') glyphs.push({ shape: 'hollow', x: xMid(s.day), x2: xMid(s.day), before: true, date: i });
    });
    if (glyphs.length === 0 && undatedColumn) {
      const cx = undatedColumn.x + 18;
      glyphs.push({ shape: 'hollow', x: cx, x2: cx, before: false, date: -1 });
    }
    let minX = Infinity;
    let maxX = -Infinity;
    for (const g of glyphs) {
      minX = Math.min(minX, g.shape === 'span' ? g.x : g.x - GLYPH_R - (g.before ? ARROW : 0));
      maxX = Math.max(maxX, g.shape === 'span' ? g.x2 : g.x + GLYPH_R);
    }
    return { glyphs, minX, maxX };
  };

  const lanes: Array<{ y: number; height: number }> = [];
  let positioned: PositionedMark[];
  if (compact) positioned = rowsLayout();
  else positioned = lanesLayout();

  function rowsLayout(): PositionedMark[] {
    const rowH = lineHeight(sizes.detail) + 8;
    const firstPoint = (d: Draft): string => {
      for (const s of d.shapes) if (s.shape !== 'undated') return s.shape === 'span' ? s.from : s.day;
      return '~'; // no calendar date: last
    };
    const ordered = drafts.map((d, i) => ({ d, i })).sort((a, b) => (firstPoint(a.d) < firstPoint(b.d) ? -1 : firstPoint(a.d) > firstPoint(b.d) ? 1 : a.i - b.i));
    const result: PositionedMark[] = new Array<PositionedMark>(drafts.length);
    ordered.forEach(({ d, i }, row) => {
      const top = y + row * rowH;
      lanes.push({ y: top, height: rowH });
      const cy = top + rowH / 2;
      const base = cy + sizes.detail * 0.36;
      const m = d.input;
      // Label column: bold name, then the role in regular type, cut to the column.
      const name = ellipsize(m.name, labelCol, sizes.detail, 'bold', measure);
      const nameW = measure(name, sizes.detail, 'bold');
      const text: TextRun[] = [{ text: name, x: MARGIN, y: base, size: sizes.detail, weight: 'bold', anchor: 'start', tone: 'ink', width: nameW }];
      const roleRoom = labelCol - nameW - 10;
      if (m.role && roleRoom > 60) {
        const role = ellipsize(m.role, roleRoom, sizes.detail, 'regular', measure);
        text.push({ text: role, x: MARGIN + nameW + 10, y: base, size: sizes.detail, weight: 'regular', anchor: 'start', tone: 'muted', width: measure(role, sizes.detail, 'regular') });
      }
      const labelRight = Math.max(...text.map((t) => t.x + t.width));
      // The mark(s) on the calendar and the date words beside them.
      const { glyphs: gx, minX, maxX } = glyphsOf(d);
      const glyphs: Glyph[] = gx.map((g) => ({ ...g, y: cy }));
      const words = d.dateTexts.length === 0 ? 'date not given' : joinDates(d.dateTexts);
      const rightRoom = width - MARGIN - (maxX + GAP);
      const leftRoom = minX - GAP - (undatedColumn && !d.undated ? undatedColumn.x + undatedColumn.width : colX);
      const wordsW = measure(words, DATE_SIZE, 'regular');
      const anchor: 'start' | 'end' = wordsW <= rightRoom || rightRoom >= leftRoom ? 'start' : 'end';
      const dateText = ellipsize(words, anchor === 'start' ? rightRoom : leftRoom, DATE_SIZE, 'regular', measure);
      const dateW = measure(dateText, DATE_SIZE, 'regular');
      const dx = anchor === 'start' ? maxX + GAP : minX - GAP;
      text.push({ text: dateText, x: dx, y: cy + DATE_SIZE * 0.36, size: DATE_SIZE, weight: 'regular', anchor, tone: 'muted', width: dateW });
      const right = anchor === 'start' ? dx + dateW : maxX;
      const connector = glyphs.length > 1 ? glyphs.map((g) => ({ x: g.shape === 'span' ? (g.x + g.x2) / 2 : g.x, y: g.y })) : null;
      result[i] = {
        key: m.key,
        name: m.name,
        role: m.role,
        kind: m.kind,
        lane: row,
        glyphs,
        connector,
        text,
        label: { x: MARGIN, y: top, width: labelRight - MARGIN, height: rowH },
        box: { x: MARGIN, y: top, width: Math.max(right, labelRight) - MARGIN, height: rowH },
        undated: d.undated,
        dateTexts: d.dateTexts,
      };
    });
    y += drafts.length * rowH;
    return result;
  }

  function lanesLayout(): PositionedMark[] {
  // ---- mark geometry (x only), label side, occupied boxes
  interface Placed {
    draft: Draft;
    glyphs: Array<Omit<Glyph, 'y'>>;
    minX: number;
    maxX: number;
    labelX: number;
    anchor: 'start' | 'end';
    labelW: number;
    height: number;
    boxX1: number;
    boxX2: number;
    sortKey: number;
  }
  const placed: Placed[] = drafts.map((draft, order) => {
    const { glyphs, minX, maxX } = glyphsOf(draft);
    const labelW = Math.max(...draft.lines.map((l) => measure(l.text, l.size, l.weight)));
    const rightRoom = width - MARGIN - (maxX + GAP);
    const leftRoom = minX - GAP - MARGIN;
    let anchor: 'start' | 'end' = 'start';
    if (labelW > rightRoom && (labelW <= leftRoom || leftRoom > rightRoom)) anchor = 'end';
    const room = anchor === 'start' ? rightRoom : leftRoom;
    if (labelW > room) for (const l of draft.lines) l.text = ellipsize(l.text, room, l.size, l.weight, measure);
    const finalW = Math.min(labelW, Math.max(...draft.lines.map((l) => measure(l.text, l.size, l.weight))));
    const labelX = anchor === 'start' ? maxX + GAP : minX - GAP;
    const boxX1 = anchor === 'start' ? minX : labelX - finalW;
    const boxX2 = anchor === 'start' ? labelX + finalW : maxX;
    const height = draft.lines.reduce((h, l) => h + lineHeight(l.size), 0);
    return { draft, glyphs, minX, maxX, labelX, anchor, labelW: finalW, height, boxX1, boxX2, sortKey: order };
  });

  // ---- lanes: first fit, in order of the left edge of the occupied box
  const order = [...placed].sort((a, b) => a.boxX1 - b.boxX1 || a.sortKey - b.sortKey);
  const laneIntervals: Array<Array<[number, number]>> = [];
  const laneOf = new Map<Placed, number>();
  for (const p of order) {
    const a = p.boxX1 - BOX_PAD;
    const b = p.boxX2 + BOX_PAD;
    let lane = laneIntervals.findIndex((iv) => iv.every(([s, e]) => b <= s || a >= e));
    if (lane < 0) {
      lane = laneIntervals.length;
      laneIntervals.push([]);
    }
    laneIntervals[lane]?.push([a, b]);
    laneOf.set(p, lane);
  }
  const laneHeights = laneIntervals.map((_, i) => Math.max(...placed.filter((p) => laneOf.get(p) === i).map((p) => p.height)));
  for (const h of laneHeights) {
    lanes.push({ y, height: h });
    y += h + LANE_GAP;
  }

  return placed.map((p) => {
    const lane = laneOf.get(p) ?? 0;
    const top = lanes[lane]?.y ?? plotTop;
    const text: TextRun[] = [];
    const centresY: number[] = [];
    let ty = top;
    p.draft.lines.forEach((l) => {
      const lh = lineHeight(l.size);
      centresY.push(ty + lh / 2);
      text.push({ text: l.text, x: p.labelX, y: ty + lh / 2 + l.size * 0.36, size: l.size, weight: l.weight, anchor: p.anchor, tone: l.tone, width: measure(l.text, l.size, l.weight) });
      ty += lh;
    });
    // One date: the mark sits on the name line. Several (sources differ): each on the line citing it.
    const nDates = p.draft.shapes.length;
    const firstDateLine = p.draft.lines.length - nDates;
    const glyphs: Glyph[] = p.glyphs.map((g) => ({
      ...g,
      y: (nDates > 1 && g.date >= 0 ? centresY[firstDateLine + g.date] : centresY[0]) ?? top + lineHeight(sizes.name) / 2,
    }));
    const connector = glyphs.length > 1 ? glyphs.map((g) => ({ x: g.shape === 'span' ? (g.x + g.x2) / 2 : g.x, y: g.y })) : null;
    const labelBox: Box = { x: p.anchor === 'start' ? p.labelX : p.labelX - p.labelW, y: top, width: p.labelW, height: p.height };
    return {
      key: p.draft.input.key,
      name: p.draft.input.name,
      role: p.draft.input.role,
      kind: p.draft.input.kind,
      lane,
      glyphs,
      connector,
      text,
      label: labelBox,
      box: { x: p.boxX1, y: top, width: p.boxX2 - p.boxX1, height: p.height },
      undated: p.draft.undated,
      dateTexts: p.draft.dateTexts,
    };
  });
  }

  const plotTop = topY + 8;
  const plotBottom = Math.max(y, plotTop + 40);
  let bottomY: number | null = null;
  y = plotBottom;
  if (lanes.length > 8) {
    bottomY = y + 4;
    y = bottomY + sizes.axis + 20;
  }
  const footerText = ellipsize(options.footer ?? 'Every mark is cited in the message: article, outlet, date and sentence.', width - 2 * MARGIN, sizes.small - 2, 'regular', measure);
  const footer: TextRun = { text: footerText, x: MARGIN, y: y + 30, size: sizes.small - 2, weight: 'regular', anchor: 'start', tone: 'muted', width: measure(footerText, sizes.small - 2, 'regular') };
  const height = Math.ceil(footer.y + MARGIN - 10);
  if (undatedColumn) {
    undatedColumn.y = topY - sizes.axis - 8;
    undatedColumn.height = plotBottom - undatedColumn.y;
  }

  return {
    width,
    height,
    title,
    subtitle,
    legend,
    plot: { x: MARGIN, y: plotTop, width: width - 2 * MARGIN, height: plotBottom - plotTop },
    undatedColumn,
    axis: { x1, x2, topY, bottomY, ticks, from, to },
    lanes,
    marks: positioned,
    footer,
    sizes,
    compact,
  };
}
