// The structured views the bot uses: profile, defection timeline, quotes, articles, evidence paragraphs.
import { describe, expect, it } from 'vitest';
import {
  articleFacts,
  buildIndex,
  defectionTimeline,
  evidenceParagraph,
  listArticles,
  profile,
  quotesBy,
  toSource,
} from '../../src/answer/index.js';
import { A0, A1, A2, A3, A4, INV_A, INV_B, inventedTable, seedTable } from './fixtures.js';

const seed = buildIndex(seedTable());
const inv = buildIndex(inventedTable());

describe('profile', () => {
  it.each([
    ['riyad-hijab', ['Riyad Hijab', 'Roles: prime minister; formerly agriculture minister', '6 August 2012', 'Jordan', 'From: Deir al-Zor', 'Religion: Sunni', 'Also written: Mr Hijab, Hijab'], [A4]],
    ['abdo-hussameddin', ['Age: 57 according to 000 (AFP); 58 according to 001 (AP)', 'deputy oil minister', 'Also written: Hussameddin, Abdo Husameddine, Husameddine'], [A0, A1]],
    ['tomas-keszler', ['Age: 61 according to', '62 according to', 'From: Drava', 'Also written: Keszler, Tomas Keszlar'], [INV_A, INV_B]],
    ['ilse-varga', ['finance minister'], [INV_A]],
  ])('%s', (id, has, cites) => {
    const index = id.includes('keszler') || id.includes('varga') ? inv : seed;
    const p = profile(index, id);
    for (const h of has) expect(p.text).toContain(h);
    expect(new Set(p.sources.map((s) => s.article))).toEqual(new Set(cites));
  });

  it('a person with only mentions and quotes: says so, cites the mention', () => {
    const p = profile(seed, 'khaled-al-hbous');
    expect(p.text).toContain('Quoted 1 time');
    expect(p.text).toContain('Mentioned in 004 (Reuters); the fact table gives no role or other facts.');
    expect(p.sources.map((s) => s.article)).toEqual([A4]);
  });

  it('a denial is not reported as a defection', () => {
    expect(profile(inv, 'ilse-varga').text).not.toMatch(/defect/i);
  });

  it('unknown id: plain answer, no sources', () => {
    const p = profile(seed, 'nobody');
    expect(p.text).toContain('No person');
    expect(p.sources).toEqual([]);
  });
});

describe('defectionTimeline', () => {
  it('all defections, sorted by date, undated last, one entry per person', () => {
    const t = defectionTimeline(seed);
    expect(t.map((e) => e.person?.id ?? e.event.subject)).toEqual([
      'adnan-bakkour',
      'mostafa-ahmad-al-sheik',
      'a top Syrian Air Force colonel',
      'abdo-hussameddin',
      'nawaf-al-fares',
      'riyad-hijab',
      'manaf-tlas',
      'bassam-imadi',
    ]);
  });

  it.each([
    [{ from: '2012-07-01', to: '2012-07-31' }, ['nawaf-al-fares']],
    [{ from: '2012-01-01', to: '2012-12-31' }, ['mostafa-ahmad-al-sheik', null, 'abdo-hussameddin', 'nawaf-al-fares', 'riyad-hijab']],
    [{ from: '2012-03-08', to: '2012-03-08' }, ['abdo-hussameddin']],
    [{ from: '2012-08-07' }, []],
    [{ to: '2011-12-31' }, ['adnan-bakkour']],
  ])('range %j', (range, ids) => {
    expect(defectionTimeline(seed, range).map((e) => e.person?.id ?? null)).toEqual(ids);
  });

  it('lines carry name, role, date; sources cite every reporting article', () => {
    const [fares] = defectionTimeline(seed, { from: '2012-07-01', to: '2012-07-31' });
    expect(fares?.line).toBe('Nawaf al-Fares, ambassador to Iraq, 11 July 2012');
    expect(new Set(fares?.sources.map((s) => s.article))).toEqual(new Set([A2, A3]));
    const hijab = defectionTimeline(seed).find((e) => e.person?.id === 'riyad-hijab');
    expect(hijab?.line).toBe('Riyad Hijab, prime minister, 6 August 2012 (to Jordan; helped by Free Syrian Army fighters)');
  });

  it('conflicting dates are shown side by side', () => {
    const h = defectionTimeline(seed).find((e) => e.person?.id === 'abdo-hussameddin');
    expect(h?.line).toContain('7 March 2012 according to 000 (AFP); 8 March 2012 according to 001 (AP)');
  });

  it('two spellings of one man are one entry; the consistent month merges with the day', () => {
    const t = defectionTimeline(inv);
    expect(t.map((e) => e.person?.id ?? e.event.subject)).toEqual(['tomas-keszler', 'a navy captain', 'piet-orlov']);
    expect(t[0]?.line).toBe('Tomas Keszler, defence minister, 3 February 2031 (to Marenport; helped by the Coastal Front)');
    expect(t.some((e) => e.person?.id === 'ilse-varga')).toBe(false);
  });
});

describe('quotesBy', () => {
  it.each([
    ['nawaf-al-fares', undefined, 3],
    ['nawaf-al-fares', 'the military', 1],
    ['nawaf-al-fares', 'Baath party', 1],
    ['nawaf-al-fares', 'bananas', 0],
    ['abdo-hussameddin', 'his colleagues', 1],
    ['manaf-tlas', undefined, 0],
    ['nobody', undefined, 0],
  ])('%s about %j -> %i quotes', (id, about, n) => {
    const q = quotesBy(seed, id, about);
    expect(q).toHaveLength(n);
    for (const { quote, source } of q) {
      expect(source.article).toBe(quote.evidence.article);
      // verbatim in the article
      expect(seed.articles.get(quote.evidence.article)?.text).toContain(quote.text);
    }
  });

  it('the addressee match ranks first', () => {
    const [first] = quotesBy(seed, 'nawaf-al-fares', 'military');
    expect(first?.quote.text).toContain('Turn your guns on the criminals');
    expect(first?.source).toMatchObject({ article: A3, outlet: 'agencies', published: '2012-07-12' });
  });
});

describe('articles', () => {
  it('listArticles counts facts per article', () => {
    // INV_A: 2 roles + 3 attributes + 1 event + 2 quotes; INV_B: 4 roles + 2 attributes + 4 events + 1 quote.
    const list = listArticles(inv);
    expect(list.map((a) => [a.article.id, a.facts])).toEqual([
      [INV_A, 8],
      [INV_B, 11],
    ]);
  });

  it('articleFacts lists and cites only that article', () => {
    const a = articleFacts(seed, A4);
    expect(a).not.toBeNull();
    expect(a?.text).toContain('Reuters');
    expect(a?.text).toContain('Riyad Hijab: defection');
    expect(a?.text).toContain('Khaled al Hbous');
    expect(a?.sources.length).toBeGreaterThan(3);
    expect(new Set(a?.sources.map((s) => s.article))).toEqual(new Set([A4]));
  });

  it('articleFacts of an unknown id is null', () => {
    expect(articleFacts(seed, 'nope')).toBeNull();
  });

  it('evidenceParagraph returns the paragraph around a sentence', () => {
    const hijabQuote = seed.table.quotes.find((q) => q.speaker === 'khaled-al-hbous');
    expect(hijabQuote).toBeDefined();
    const p = evidenceParagraph(seed, A4, hijabQuote?.evidence.sentence ?? -1);
    expect(p).toContain('Khaled al Hbous, a senior figure');
    expect(p).toContain('Between 5.30 and 7.30 this morning we did it');
    expect(p).not.toContain('We secured his entry'); // next paragraph
  });

  it.each([
    [A4, 9999],
    [A4, -1],
    [A4, 1.5],
    ['nope', 0],
  ])('evidenceParagraph(%s, %d) is null', (id, n) => {
    expect(evidenceParagraph(seed, id, n)).toBeNull();
  });

  it('toSource fills outlet and date from the article', () => {
    const ev = seed.table.events[0]?.evidence;
    expect(ev).toBeDefined();
    if (!ev) return;
    expect(toSource(seed, ev)).toEqual({ article: ev.article, outlet: 'AFP', published: '2012-03-08', sentence: ev.text });
    expect(toSource(seed, { ...ev, article: 'gone' })).toEqual({ article: 'gone', outlet: null, published: null, sentence: ev.text });
  });
});

describe('an article without manifest entry', () => {
  it('is listed with unknown outlet and date; its facts cite null metadata', () => {
    const t = inventedTable();
    const first = t.articles[0];
    if (!first) throw new Error('fixture has no article');
    t.articles[0] = { ...first, outlet: null, published: null };
    const idx = buildIndex(t);
    expect(articleFacts(idx, INV_A)?.text).toContain('outlet unknown, date unknown');
    const p = profile(idx, 'tomas-keszler');
    const s = p.sources.find((x) => x.article === INV_A);
    expect(s).toMatchObject({ outlet: null, published: null });
  });
});
