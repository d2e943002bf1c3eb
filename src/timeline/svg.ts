// Layout -> SVG text. A solid card of its own (legible on Discord's dark and light themes alike), colours per
// kind of post chosen to stay distinct for colour-blind readers and dark enough for text contrast on the card.
import { FONT_FAMILY } from './font.ts';
import type { PostKind } from './kinds.ts';
import type { Glyph, Layout, LegendItem, TextRun } from './layout.ts';

export const THEME = {
  card: '#f8f9fb',
  border: '#c9ced6',
  ink: '#16202c',
  muted: '#4a5566',
  grid: '#e3e7ed',
  axis: '#6b7686',
  column: '#eef1f5',
  kinds: {
    government: '#1f5fa8',
    diplomatic: '#0b7a57',
    military: '#c24a0a',
    other: '#7b3fa0',
  } satisfies Record<PostKind, string>,
} as const;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

function textEl(t: TextRun, fill?: string): string {
  const color = fill ?? (t.tone === 'ink' ? THEME.ink : THEME.muted);
  return `<text x="${n(t.x)}" y="${n(t.y)}" font-size="${t.size}" font-weight="${t.weight === 'bold' ? 700 : 400}"${t.anchor === 'end' ? ' text-anchor="end"' : ''} fill="${color}">${esc(t.text)}</text>`;
}

function glyphEl(g: Glyph, color: string): string {
  const r = 10;
  const parts: string[] = [];
  if (g.before) {
    const ax = g.x - r - 30;
    parts.push(`<line x1="${n(g.x - r)}" y1="${n(g.y)}" x2="${n(ax + 6)}" y2="${n(g.y)}" stroke="${color}" stroke-width="3" stroke-dasharray="5 4"/>`);
    parts.push(`<path d="M${n(ax)} ${n(g.y)} l9 -6 v12 z" fill="${color}"/>`);
  }
  if (g.shape === 'dot') parts.push(`<circle cx="${n(g.x)}" cy="${n(g.y)}" r="${r}" fill="${color}" stroke="${THEME.card}" stroke-width="2"/>`);
  else if (g.shape === 'hollow') parts.push(`<circle cx="${n(g.x)}" cy="${n(g.y)}" r="${r - 1.5}" fill="${THEME.card}" stroke="${color}" stroke-width="3.5"/>`);
  else {
    const h = 14;
    parts.push(
      `<rect x="${n(g.x)}" y="${n(g.y - h / 2)}" width="${n(Math.max(6, g.x2 - g.x))}" height="${h}" rx="5" fill="${color}" fill-opacity="0.35" stroke="${color}" stroke-width="2.5"/>`,
    );
  }
  return parts.join('');
}

function legendEl(item: LegendItem, y: number): string {
  const cx = item.x + 14;
  const grey = THEME.axis;
  let sym: string;
  switch (item.kind) {
    case 'government':
    case 'diplomatic':
    case 'military':
    case 'other':
      sym = `<rect x="${n(item.x)}" y="${n(y - 11)}" width="28" height="22" rx="6" fill="${THEME.kinds[item.kind]}"/>`;
      break;
    case 'day':
      sym = `<circle cx="${n(cx)}" cy="${n(y)}" r="9" fill="${grey}"/>`;
      break;
    case 'span':
      sym = `<rect x="${n(item.x)}" y="${n(y - 7)}" width="28" height="14" rx="5" fill="${grey}" fill-opacity="0.35" stroke="${grey}" stroke-width="2.5"/>`;
      break;
    case 'hollow':
      sym = `<circle cx="${n(cx)}" cy="${n(y)}" r="8" fill="${THEME.card}" stroke="${grey}" stroke-width="3.5"/>`;
      break;
    case 'differ':
      sym = `<line x1="${n(item.x + 4)}" y1="${n(y)}" x2="${n(item.x + 26)}" y2="${n(y)}" stroke="${grey}" stroke-width="2.5" stroke-dasharray="4 3"/><circle cx="${n(item.x + 4)}" cy="${n(y)}" r="5" fill="${grey}"/><circle cx="${n(item.x + 26)}" cy="${n(y)}" r="5" fill="${grey}"/>`;
      break;
  }
  return `${sym}<text x="${n(item.x + 38)}" y="${n(y + 8)}" font-size="22" fill="${THEME.ink}">${esc(item.text)}</text>`;
}

export function timelineSvg(layout: Layout): string {
  const { width: W, height: H, axis } = layout;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT_FAMILY}">`);
  out.push(`<rect x="1" y="1" width="${W - 2}" height="${H - 2}" rx="18" fill="${THEME.card}" stroke="${THEME.border}" stroke-width="2"/>`);
  out.push(textEl(layout.title));
  if (layout.subtitle) out.push(textEl(layout.subtitle));
  for (const item of layout.legend) out.push(legendEl(item, item.y));

  const plotBottom = layout.plot.y + layout.plot.height;
  // Rows mode: shade every other row so a name can be followed across to its mark.
  if (layout.compact)
    layout.lanes.forEach((lane, i) => {
      if (i % 2 === 0) out.push(`<rect x="${n(layout.plot.x - 10)}" y="${n(lane.y)}" width="${n(layout.plot.width + 20)}" height="${n(lane.height)}" rx="6" fill="${THEME.column}"/>`);
    });
  if (layout.undatedColumn) {
    const c = layout.undatedColumn;
    out.push(`<rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.width)}" height="${n(c.height)}" rx="8" fill="${THEME.column}"/>`);
    out.push(`<text x="${n(c.x + c.width / 2)}" y="${n(axis.topY - 10)}" font-size="${layout.sizes.axis}" text-anchor="middle" fill="${THEME.muted}">no date</text>`);
  }
  // Month grid and labels.
  for (const t of axis.ticks) {
    const strong = t.month.endsWith('-01');
    out.push(`<line x1="${n(t.x)}" y1="${n(axis.topY)}" x2="${n(t.x)}" y2="${n(axis.bottomY ?? plotBottom)}" stroke="${strong ? THEME.border : THEME.grid}" stroke-width="${strong ? 2 : 1.5}"/>`);
    if (t.label) out.push(`<text x="${n(t.labelX)}" y="${n(axis.topY - 10)}" font-size="${layout.sizes.axis}" text-anchor="middle" fill="${THEME.muted}">${esc(t.label)}</text>`);
    if (t.label && axis.bottomY !== null)
      out.push(`<text x="${n(t.labelX)}" y="${n(axis.bottomY + layout.sizes.axis + 6)}" font-size="${layout.sizes.axis}" text-anchor="middle" fill="${THEME.muted}">${esc(t.label)}</text>`);
    if (t.year) out.push(`<text x="${n(t.x + 4)}" y="${n(axis.topY - 10 - layout.sizes.axis - 6)}" font-size="${layout.sizes.axis}" font-weight="700" fill="${THEME.ink}">${esc(t.year)}</text>`);
  }
  out.push(`<line x1="${n(axis.x1)}" y1="${n(axis.topY)}" x2="${n(axis.x2)}" y2="${n(axis.topY)}" stroke="${THEME.axis}" stroke-width="2.5"/>`);
  out.push(`<line x1="${n(axis.x2)}" y1="${n(axis.topY)}" x2="${n(axis.x2)}" y2="${n(axis.bottomY ?? plotBottom)}" stroke="${THEME.grid}" stroke-width="1.5"/>`);
  if (axis.bottomY !== null) out.push(`<line x1="${n(axis.x1)}" y1="${n(axis.bottomY)}" x2="${n(axis.x2)}" y2="${n(axis.bottomY)}" stroke="${THEME.axis}" stroke-width="2.5"/>`);

  for (const m of layout.marks) {
    const color = THEME.kinds[m.kind];
    if (m.connector)
      out.push(`<polyline points="${m.connector.map((p) => `${n(p.x)},${n(p.y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="3" stroke-dasharray="6 5"/>`);
    for (const g of m.glyphs) out.push(glyphEl(g, color));
    for (const t of m.text) out.push(textEl(t));
  }
  out.push(textEl(layout.footer));
  out.push('</svg>');
  return out.join('\n');
}
