// layoutTimeline: positions come from the dates; shapes follow the precision; labels never overlap; the
// picture grows with the number of defections; text stays legible at Discord's phone width.
import { describe, expect, it } from 'vitest';
import { dateShape, joinDates, layoutTimeline, shortDate, type Box, type Layout } from '../../src/timeline/layout.ts';
import { before, day, mark, month, reported, syntheticMarks, unresolved, year } from './synthetic.ts';

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function overlappingPairs(layout: Layout, which: 'box' | 'label'): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const ms = layout.marks;
  for (let i = 0; i < ms.length; i++)
    for (let j = i + 1; j < ms.length; j++) {
      const a = ms[i];
      const b = ms[j];
      if (a && b && overlaps(a[which], b[which])) out.push([a.name, b.name]);
    }
  return out;
}

function tickX(layout: Layout, ym: string): number {
  const t = layout.axis.ticks.find((k) => k.month === ym);
  if (!t) throw new Error(`no tick ${ym}`);
  return t.x;
}

function byName(layout: Layout, name: string) {
  const m = layout.marks.find((k) => k.name === name);
  if (!m) throw new Error(`no mark ${name}`);
  return m;
}

const three = [
  mark('Ilka Marwen', 'deputy transport minister', [day('2040-03-10')]),
  mark('Oren Halvast', 'ambassador to Kestria', [month('2040-05')]),
  mark('Tavi Roskel', 'brigadier general', [before('2040-07-20')]),
];

describe('dates -> shapes and words', () => {
  const cases = [
    { date: day('2040-03-10'), shape: 'dot', words: '10 Mar 2040' },
    { date: month('2040-05'), shape: 'span', words: 'May 2040' },
    { date: month('2039-08', 'late'), shape: 'span', words: 'late Aug 2039' },
    { date: year('2041'), shape: 'span', words: '2041' },
    { date: before('2040-07-20'), shape: 'before', words: 'before 20 Jul 2040' },
    { date: reported('2040-08-06'), shape: 'before', words: 'by 6 Aug 2040 (report)' },
    { date: unresolved('on Wednesday'), shape: 'undated', words: '"on Wednesday"' },
  ] as const;
  for (const c of cases)
    it(`${c.date.text} -> ${c.shape}, "${c.words}"`, () => {
      expect(dateShape(c.date).shape).toBe(c.shape);
      expect(shortDate(c.date)).toBe(c.words);
    });
});

describe('three defections', () => {
  const layout = layoutTimeline(three);

  it('x follows the calendar: a day sits inside its month, between the month ticks, in proportion', () => {
    const m = byName(layout, 'Ilka Marwen');
    const g = m.glyphs[0];
    expect(g?.shape).toBe('dot');
    const x0 = tickX(layout, '2040-03');
    const x1 = tickX(layout, '2040-04');
    // 10 March: 9.5 days into a 31-day month.
    expect(g?.x).toBeCloseTo(x0 + ((x1 - x0) * 9.5) / 31, 0);
  });

  it('a month-precision date is a span from the first to the last day of the month, not a false day', () => {
    const g = byName(layout, 'Oren Halvast').glyphs[0];
    expect(g?.shape).toBe('span');
    expect(g?.x).toBeCloseTo(tickX(layout, '2040-05'), 3);
    expect(g?.x2).toBeCloseTo(tickX(layout, '2040-06'), 3);
  });

  it('"earlier" is a hollow mark at its bound with an arrow to the left', () => {
    const g = byName(layout, 'Tavi Roskel').glyphs[0];
    expect(g?.shape).toBe('hollow');
    expect(g?.before).toBe(true);
    expect(g?.x).toBeGreaterThan(tickX(layout, '2040-07'));
    const end = layout.axis.ticks.find((k) => k.month === '2040-08')?.x ?? layout.axis.x2; // July may be the last month
    expect(g?.x).toBeLessThan(end);
  });

  it('labels carry name, role at the time and date; colours by kind of post', () => {
    const m = byName(layout, 'Ilka Marwen');
    expect(m.text.map((t) => t.text)).toEqual(['Ilka Marwen', 'deputy transport minister · 10 Mar 2040']);
    expect(layout.marks.map((k) => k.kind)).toEqual(['government', 'diplomatic', 'military']);
    expect(layout.legend.map((l) => l.text)).toEqual(['Government', 'Diplomatic', 'Military', 'day', 'month / period', 'earlier / undated']);
  });

  it('month ticks cover the dates, in order, labelled without overlapping', () => {
    const months = layout.axis.ticks.map((t) => t.month);
    expect(months[0]! <= '2040-03').toBe(true);
    expect(months[months.length - 1]! >= '2040-07').toBe(true);
    const xs = layout.axis.ticks.map((t) => t.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const labelled = layout.axis.ticks.filter((t) => t.label);
    expect(labelled.length).toBe(layout.axis.ticks.length); // a handful of months: every one labelled
  });

  it('no label box overlaps another, and every label stays inside the picture', () => {
    expect(overlappingPairs(layout, 'box')).toEqual([]);
    for (const m of layout.marks) {
      expect(m.box.x).toBeGreaterThanOrEqual(0);
      expect(m.box.x + m.box.width).toBeLessThanOrEqual(layout.width);
      for (const t of m.text) {
        const left = t.anchor === 'start' ? t.x : t.x - t.width;
        expect(left).toBeGreaterThanOrEqual(m.label.x - 0.01);
        expect(left + t.width).toBeLessThanOrEqual(m.label.x + m.label.width + 0.01);
      }
    }
  });
});

describe('sources that disagree and undated defections', () => {
  const layout = layoutTimeline([
    mark('Sefa Brannoch', 'deputy finance minister', [day('2040-02-07'), day('2040-02-08')], [['a1 (Wire One)'], ['a2 (Wire Two)']]),
    mark('Uli Varga', 'television presenter', [unresolved('the other day')]),
    mark('Nell Quist', null, []),
    mark('Rhun Adair', 'army captain', [day('2040-04-01')]),
  ]);

  it('both dates are drawn, each on the label line that cites it, joined by a connector', () => {
    const m = byName(layout, 'Sefa Brannoch');
    expect(m.glyphs.map((g) => g.shape)).toEqual(['dot', 'dot']);
    expect(m.glyphs[0]!.x).toBeLessThan(m.glyphs[1]!.x);
    expect(m.connector).toHaveLength(2);
    const lines = m.text.map((t) => t.text);
    expect(lines).toContain('7 Feb 2040: a1 (Wire One)');
    expect(lines).toContain('8 Feb 2040: a2 (Wire Two)');
    const row = (s: string) => m.text.find((t) => t.text.startsWith(s))!;
    expect(m.glyphs[0]!.y).toBeLessThan(row('7 Feb').y);
    expect(m.glyphs[0]!.y).toBeGreaterThan(row('7 Feb').y - row('7 Feb').size);
    expect(m.glyphs[1]!.y).toBeGreaterThan(m.glyphs[0]!.y);
  });

  it('defections no source dates are hollow marks in the "no date" column, never on the axis', () => {
    const col = layout.undatedColumn;
    expect(col).not.toBeNull();
    for (const name of ['Uli Varga', 'Nell Quist']) {
      const m = byName(layout, name);
      expect(m.undated).toBe(true);
      expect(m.glyphs.map((g) => g.shape)).toEqual(['hollow']);
      expect(m.glyphs[0]!.x).toBeGreaterThanOrEqual(col!.x);
      expect(m.glyphs[0]!.x).toBeLessThanOrEqual(col!.x + col!.width);
      expect(m.glyphs[0]!.x).toBeLessThan(layout.axis.x1);
    }
    expect(byName(layout, 'Uli Varga').text[1]?.text).toBe('television presenter · "the other day"');
    expect(byName(layout, 'Nell Quist').text[1]?.text).toBe('date not given');
    expect(byName(layout, 'Rhun Adair').glyphs[0]!.x).toBeGreaterThan(layout.axis.x1);
  });
});

describe('60 defections', () => {
  const marks = syntheticMarks(60);
  const layout = layoutTimeline(marks);

  it('no two marks (glyphs + label) overlap, and none leaves the picture', () => {
    expect(layout.marks).toHaveLength(60);
    expect(overlappingPairs(layout, 'box')).toEqual([]);
    expect(overlappingPairs(layout, 'label')).toEqual([]);
    for (const m of layout.marks) {
      expect(m.box.x).toBeGreaterThanOrEqual(0);
      expect(m.box.x + m.box.width).toBeLessThanOrEqual(layout.width);
      expect(m.box.y + m.box.height).toBeLessThanOrEqual(layout.footer.y);
    }
  });

  it('day marks are ordered left to right by date', () => {
    const dots = layout.marks
      .map((m, i) => ({ g: m.glyphs[0], d: marks[i]!.dates[0]?.date }))
      .filter((x) => x.g?.shape === 'dot' && x.d?.precision === 'day' && marks.find((m) => m.dates.length === 1 && m.dates[0]?.date === x.d))
      .sort((a, b) => (a.d!.value! < b.d!.value! ? -1 : 1));
    expect(dots.length).toBeGreaterThan(10);
    for (let i = 1; i < dots.length; i++) expect(dots[i]!.g!.x).toBeGreaterThanOrEqual(dots[i - 1]!.g!.x);
  });

  it('grows in height instead of shrinking text; one-line labels; legible at 550 px wide', () => {
    const small = layoutTimeline(three);
    expect(layout.height).toBeGreaterThan(small.height * 2);
    expect(layout.compact).toBe(true);
    expect(small.compact).toBe(false);
    const phone = 550 / layout.width;
    expect(layout.sizes.detail * phone).toBeGreaterThanOrEqual(11);
    expect(layout.sizes.axis * phone).toBeGreaterThanOrEqual(11);
  });

  it('rows mode: one row per defection in date order (undated last), the date words beside the mark', () => {
    const firstDay = (i: number): string => {
      const d = marks[i]!.dates[0]?.date;
      return d?.from ?? d?.to ?? '~';
    };
    const rows = layout.marks.map((m, i) => ({ y: m.box.y, key: firstDay(i), undated: m.undated })).sort((a, b) => a.y - b.y);
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual([...keys].sort());
    expect(rows.slice(-3).every((r) => r.undated)).toBe(true);
    for (const m of layout.marks) {
      const words = m.text[m.text.length - 1]!;
      expect(words.text.replace('…', '')).not.toBe('');
      const g = m.glyphs[0]!;
      const near = words.anchor === 'start' ? words.x - Math.max(g.x, g.x2) : Math.min(g.x, g.x2) - words.x;
      expect(near).toBeGreaterThan(0);
      expect(near).toBeLessThan(60);
    }
  });

  it('dates of one month are joined short: "22 or 23 Jul 2040"', () => {
    expect(joinDates(['22 Jul 2040', '23 Jul 2040'])).toBe('22 or 23 Jul 2040');
    expect(joinDates(['31 Jul 2040', '1 Aug 2040'])).toBe('31 Jul 2040 or 1 Aug 2040');
    expect(joinDates(['Jan 2040'])).toBe('Jan 2040');
  });

  it('60 defections all in one month still never overlap (one lane each at worst)', () => {
    const crowded = layoutTimeline(syntheticMarks(60, 1));
    expect(overlappingPairs(crowded, 'box')).toEqual([]);
    expect(crowded.lanes.length).toBeGreaterThanOrEqual(20);
    expect(crowded.lanes.length).toBeLessThanOrEqual(60);
  });
});

describe('options', () => {
  it('a range asked for sets the axis; a date outside it (a disagreeing source) widens it', () => {
    const l = layoutTimeline(three, { range: { from: '2040-01-01', to: '2040-12-31' } });
    expect(l.axis.from).toBe('2040-01-01');
    expect(l.axis.to).toBe('2040-12-31');
    const w = layoutTimeline([mark('Ada Fenn', 'judge', [day('2040-06-30'), day('2040-07-02')])], { range: { from: '2040-06-01', to: '2040-06-30' } });
    expect(w.axis.to >= '2040-07-02').toBe(true);
  });

  it('a long name wraps to two lines instead of being cut; an over-long one is ellipsized', () => {
    const l = layoutTimeline([mark('a further three deputy ministers and two provincial governors of the north', null, [day('2040-02-02')])]);
    const names = l.marks[0]!.text.filter((t) => t.weight === 'bold');
    expect(names.length).toBe(2);
    expect(names.map((t) => t.text).join(' ').replace('…', '')).toMatch(/^a further three deputy ministers/);
    const longer = layoutTimeline([mark('x'.repeat(200), null, [day('2040-02-02')])]);
    expect(longer.marks[0]!.text[0]!.text.endsWith('…')).toBe(true);
    expect(longer.marks[0]!.box.x + longer.marks[0]!.box.width).toBeLessThanOrEqual(longer.width);
  });

  it('is pure: the same input gives the same layout', () => {
    expect(JSON.stringify(layoutTimeline(syntheticMarks(20)))).toBe(JSON.stringify(layoutTimeline(syntheticMarks(20))));
  });
});
