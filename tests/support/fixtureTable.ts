// An invented fact table (a made-up country, people and outlets) for bot tests that must not depend on the
// seed articles or on extraction, plus an in-memory DatasetLike over it. Built directly in the schema's shape.
import { buildIndex, type AnswerIndex } from '../../src/answer/index.ts';
import type { DatasetLike } from '../../src/discord/command.ts';
import type { Article, Event, Evidence, FactTable, Person, Quote } from '../../src/facts/schema.ts';
import type { RefreshReport } from '../../src/store/dataset.ts';

function article(id: string, outlet: string | null, published: string | null, title: string, paragraphs: string[][]): Article {
  let text = '';
  const sentences: Article['sentences'] = [];
  paragraphs.forEach((para, p) => {
    if (p > 0) text += '\n\n';
    para.forEach((s, k) => {
      if (k > 0) text += ' ';
      const start = text.length;
      text += s;
      sentences.push({ index: sentences.length, paragraph: p, start, end: text.length, text: s });
    });
  });
  return { id, file: `${id}.txt`, outlet, published, title, text, sentences, hash: `hash-${id}` };
}

function ev(a: Article, sentence: number, phrase?: string): Evidence {
  const s = a.sentences[sentence];
  if (!s) throw new Error(`fixture: no sentence ${sentence} in ${a.id}`);
  const at = phrase ? s.text.indexOf(phrase) : 0;
  const start = s.start + Math.max(0, at);
  return { article: a.id, sentence, start, end: phrase ? start + phrase.length : s.end, text: s.text };
}

export const LONG_QUOTE_WORDS = 420;

/** `extraDefectors` adds that many invented defections (for pagination). */
export function fixtureTable(extraDefectors = 30): FactTable {
  const longQuote = Array.from({ length: LONG_QUOTE_WORDS }, (_, i) => `word${i}`).join(' ');
  const a1 = article('vel_001', 'Northwire', '2031-04-02', 'Veloria energy official defects', [
    [
      'Tomas Ardelean, the deputy energy minister of Veloria, defected on Sunday and crossed into Karesh, officials said.',
      'Mr Ardelean, 51, announced his defection in a video posted online.',
    ],
    [
      '"We will not serve the council any longer," said Ilse Marrow, a spokeswoman for the opposition.',
      '"Tell @everyone in the capital: **the council** is finished <@123456789012345678>," Marrow said.',
    ],
  ]);
  const a2 = article('vel_002', 'Eastern Ledger', '2031-04-05', 'Second report on the Veloria defection', [
    ['Ardelean, who is 52 according to family members, was helped by border guards.', `"${longQuote}," Marrow said in a long statement.`],
  ]);
  const extra: string[] = [];
  for (let i = 0; i < extraDefectors; i++) extra.push(`Colonel Brenn Okaro${String.fromCharCode(97 + (i % 26))}${i} of the Veloria guard defected in May ${2031}.`);
  const a3 = article('vel_003', null, '2031-06-01', 'Guard officers leave', [extra.length > 0 ? extra : ['No officers left the guard.']]);
  const tomas: Person = {
    id: 'tomas-ardelean',
    name: 'Tomas Ardelean',
    aliases: ['Tomas Ardelean', 'Mr Ardelean', 'Ardelean'],
    roles: [{ title: 'deputy energy minister', surface: 'the deputy energy minister of Veloria', former: false, evidence: ev(a1, 0, 'the deputy energy minister') }],
    attributes: [
      { kind: 'age', value: '51', evidence: ev(a1, 1, '51') },
      { kind: 'age', value: '52', evidence: ev(a2, 0, '52') },
    ],
    articles: ['vel_001', 'vel_002'],
    mentions: [ev(a1, 0), ev(a2, 0)],
  };
  const ilse: Person = {
    id: 'ilse-marrow',
    name: 'Ilse Marrow',
    aliases: ['Ilse Marrow', 'Marrow'],
    roles: [{ title: 'spokeswoman', surface: 'a spokeswoman for the opposition', former: false, evidence: ev(a1, 2, 'a spokeswoman') }],
    attributes: [],
    articles: ['vel_001', 'vel_002'],
    mentions: [ev(a1, 2)],
  };
  const people: Person[] = [tomas, ilse];
  const events: Event[] = [
    {
      id: 'ev-tomas',
      kind: 'defection',
      person: 'tomas-ardelean',
      subject: 'Tomas Ardelean',
      role: 'deputy energy minister',
      date: { text: 'on Sunday', value: '2031-03-30', precision: 'day', from: '2031-03-30', to: '2031-03-30', qualifier: null },
      place: 'Karesh',
      announcedVia: 'video posted online',
      helpedBy: ['border guards'],
      evidence: ev(a1, 0),
    },
  ];
  extra.forEach((_, i) => {
    const name = `Brenn Okaro${String.fromCharCode(97 + (i % 26))}${i}`;
    const id = `brenn-okaro-${i}`;
    people.push({ id, name, aliases: [name, `Colonel ${name}`], roles: [], attributes: [], articles: ['vel_003'], mentions: [ev(a3, i)] });
    events.push({
      id: `ev-${id}`,
      kind: 'defection',
      person: id,
      subject: name,
      role: 'colonel',
      date: { text: 'in May 2031', value: '2031-05', precision: 'month', from: '2031-05-01', to: '2031-05-31', qualifier: null },
      place: null,
      announcedVia: null,
      helpedBy: [],
      evidence: ev(a3, i),
    });
  });
  const q = (id: string, a: Article, sentence: number, text: string, addressee: string | null): Quote => {
    const s = a.sentences[sentence];
    if (!s) throw new Error('fixture quote');
    const at = a.text.indexOf(text);
    return {
      id,
      text,
      speaker: 'ilse-marrow',
      speakerName: 'Ilse Marrow',
      addressee,
      via: null,
      evidence: { article: a.id, sentence, start: at, end: at + text.length, text: s.text },
    };
  };
  const quotes: Quote[] = [
    q('q1', a1, 2, 'We will not serve the council any longer', null),
    q('q2', a1, 3, 'Tell @everyone in the capital: **the council** is finished <@123456789012345678>', 'the capital'),
    q('q3', a2, 1, longQuote, null),
  ];
  return {
    schema: 1,
    extractorVersion: 'fixture',
    generatedAt: '2031-06-02T00:00:00.000Z',
    articles: [a1, a2, a3],
    people,
    events,
    quotes,
    warnings: [],
  };
}

function emptyReport(durationMs: number): RefreshReport {
  return {
    ok: true,
    durationMs,
    servedMs: durationMs,
    articles: { added: [], removed: [], changed: [] },
    people: { added: [], removed: [] },
    events: { added: [], removed: [] },
    quotes: { added: 0, removed: 0 },
    warnings: [],
  };
}

/** A DatasetLike over a fixed table; refresh reports no change, article changes are refused. */
export class MemoryDataset implements DatasetLike {
  readonly seedsDir = '/nonexistent';
  private _index: AnswerIndex;
  refreshes = 0;
  reloads = 0;
  constructor(private _table: FactTable) {
    this._index = buildIndex(_table);
  }
  get table(): FactTable {
    return this._table;
  }
  get index(): AnswerIndex {
    return this._index;
  }
  get busy(): boolean {
    return false;
  }
  async refresh(): Promise<RefreshReport> {
    this.refreshes += 1;
    return emptyReport(1);
  }
  async addArticle(): Promise<RefreshReport> {
    return { ...emptyReport(0), ok: false, error: 'the in-memory test dataset cannot store articles' };
  }
  async removeArticle(): Promise<RefreshReport> {
    return { ...emptyReport(0), ok: false, error: 'the in-memory test dataset cannot remove articles' };
  }
  async reload(): Promise<void> {
    this.reloads += 1;
  }
}
