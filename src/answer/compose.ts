// answer(): question -> intent -> facts -> plain text with sources. When the table has no fact for the
// question, the answer says so and cites nothing; the sentence search fallback is used only for
// questions no structured intent covers, and only above its confidence threshold.
import type { Answer, AttributeKind, Evidence, Event, Person, Quote } from '../facts/schema.js';
import { articlesAnswer } from './articles.js';
import { cite, dedupeSources, mentioned, recase, sourcesOf, type AnswerIndex } from './build.js';
import { dateKey, dateWithin, describeRange, formatDatePhrase, isReportDate, MONTHS } from './dates.js';
import { searchEvidence } from './fallback.js';
import { parseIntent, type Intent } from './intent.js';
import { attributeValues, profile, rolesText, valuesText } from './profile.js';
import { quotesAbout, quotesBy } from './quotes.js';
import { resolveSubject } from './subject.js';
import { contentStems, normalize, tokens } from './text.js';
import {
  datesText,
  groupLookups,
  groupSources,
  groupsOfPerson,
  sharedMonth,
  sharedTimeline,
  type DefectionGroup,
  type TimelineEntry,
} from './timeline.js';

const DONT_KNOW = 'The articles do not say.';
const MAX_QUOTES = 6;
const MAX_QUESTION = 2000;

/** A fact's text normalised, once per fact (list questions compare it with every fact of a kind). */
const normalizedFacts = new WeakMap<object, string>();

function normalizedOnce(fact: object, text: string): string {
  let n = normalizedFacts.get(fact);
  if (n === undefined) normalizedFacts.set(fact, (n = normalize(text)));
  return n;
}

const speakerWords = new WeakMap<Quote, Set<string>>();

/** The words of a quote's unresolved speaker name, once per quote. */
function speakerTokens(q: Quote, name: string): Set<string> {
  let have = speakerWords.get(q);
  if (!have) speakerWords.set(q, (have = new Set(tokens(name))));
  return have;
}

/** The first person of the table with this id (as a scan of the people would find), by a map made once. */
const firstById = new WeakMap<AnswerIndex, Map<string, Person>>();

function firstPerson(index: AnswerIndex, id: string | null): Person | undefined {
  let byId = firstById.get(index);
  if (!byId) {
    byId = new Map();
    for (const p of index.table.people) if (!byId.has(p.id)) byId.set(p.id, p);
    firstById.set(index, byId);
  }
  return id === null ? undefined : byId.get(id);
}

function none(text: string): Answer {
  return { text, sources: [] };
}

function list(items: string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

function articlesText(index: AnswerIndex, evidence: Evidence[]): string {
  return list([...new Set(evidence.map((e) => e.article))].map((a) => cite(index, a)));
}

function notFound(index: AnswerIndex, subject: string, suggestions: Person[]): Answer {
  const shown = subject.length > 80 ? `${subject.slice(0, 77)}...` : subject;
  const names = list(suggestions.slice(0, 5).map((p) => p.name), 'or');
  const inText = mentioned(index, subject);
  if (inText && suggestions.length > 1) return none(`"${shown}" could mean ${names}; ask about one of them by name.`);
  let text = inText
    ? `${DONT_KNOW} "${shown}" appears in the articles, but no fact in the table answers this.`
    : `${DONT_KNOW} No one called "${shown}" is in the fact table.`;
  if (suggestions.length > 0) text += ` Did you mean ${names}?`;
  return none(text);
}

function askWho(what: string): Answer {
  return none(`Whom do you mean? Name a person (any spelling) or a role, e.g. "${what}".`);
}

function groupsOf(index: AnswerIndex, person: Person): DefectionGroup[] {
  return groupsOfPerson(index, person.id);
}

function describeDefection(index: AnswerIndex, name: string, g: DefectionGroup): string {
  const when = datesText(index, g, true);
  let text = `${name} defected${when ? ` ${when}` : ' (the articles do not say when)'}`;
  if (g.role && (g.person || !normalize(g.subject).includes(normalize(g.role)))) text += `, as ${recase(index, g.role)}`;
  if (g.places.length > 0) text += `; fled to ${list(g.places)}`;
  if (g.helpedBy.length > 0) text += `; helped by ${list(g.helpedBy)}`;
  if (g.announcedVia.length > 0) text += `; announced via ${list(g.announcedVia)}`;
  return `${text}.`;
}

function groupEvidence(g: DefectionGroup): Evidence[] {
  return [...g.events, ...g.flights.filter((f) => f.place)].map((e) => e.evidence);
}

function answerWhen(index: AnswerIndex, person: Person): Answer {
  const groups = groupsOf(index, person);
  if (groups.length === 0) {
    const flights = (index.eventsByPerson.get(person.id) ?? []).filter((e) => e.kind === 'flight');
    if (flights.length > 0) {
      const lines = flights.map((f) => `${person.name} fled${f.place ? ` to ${f.place}` : ''}${f.date ? ` ${formatDatePhrase(f.date)}` : ''} (${cite(index, f.evidence.article)}).`);
      return { text: `The articles do not report that ${person.name} defected. ${lines.join(' ')}`, sources: sourcesOf(index, flights.map((f) => f.evidence)) };
    }
    return none(`The articles do not report that ${person.name} defected.`);
  }
  return {
    text: groups.map((g) => describeDefection(index, person.name, g)).join('\n'),
    sources: groups.length === 1 && groups[0] ? groupSources(index, groups[0]) : sourcesOf(index, groups.flatMap(groupEvidence)),
  };
}

function answerEventsWithoutPerson(index: AnswerIndex, intent: Intent, events: Event[]): Answer | null {
  const { groupOf, position } = groupLookups(index);
  const groups = [...new Set(events.map((e) => groupOf.get(e)).filter((g): g is DefectionGroup => g !== undefined))].sort(
    (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0),
  );
  if (groups.length === 0) return null;
  if (intent.kind === 'helped') {
    const helped = groups.filter((g) => g.helpedBy.length > 0);
    if (helped.length === 0) return null;
    return {
      text: helped.map((g) => `${g.subject} was helped by ${list(g.helpedBy)}.`).join('\n'),
      sources: sourcesOf(index, helped.flatMap((g) => g.events.filter((e) => e.helpedBy.length > 0).map((e) => e.evidence))),
    };
  }
  return {
    text: groups.map((g) => describeDefection(index, g.subject.charAt(0).toUpperCase() + g.subject.slice(1), g)).join('\n'),
    sources: sourcesOf(index, groups.flatMap(groupEvidence)),
  };
}

/**
 * "Which ambassador defected?", "Who defected to Norland?": keep the defections whose subject, role,
 * destination, helpers or channel contain every distinctive word of the filter. Words found in a large
 * share of all sentences ("Ruritanian" in a story about Ruritania) are background and ignored.
 */
function filterDefections(index: AnswerIndex, entries: TimelineEntry[], filter: string): TimelineEntry[] {
  const n = index.bm25.docs.length || 1;
  const want = [...new Set(contentStems(filter))].filter((t) => (index.bm25.postings.get(t)?.size ?? 0) / n < 0.15);
  if (want.length === 0) return entries;
  const { groupOf } = groupLookups(index);
  return entries.filter((entry) => {
    const g = groupOf.get(entry.event);
    if (!g) return false;
    const hay = groupStems(g);
    return want.every((t) => hay.has(t));
  });
}

const stemsOfGroup = new WeakMap<DefectionGroup, Set<string>>();

/** The content stems of a group's subject, name, role, destinations, helpers and channels (once per group). */
function groupStems(g: DefectionGroup): Set<string> {
  let hay = stemsOfGroup.get(g);
  if (!hay) {
    hay = new Set(contentStems([g.subject, g.person?.name ?? '', g.role ?? '', ...g.places, ...g.helpedBy, ...g.announcedVia].join(' ')));
    stemsOfGroup.set(g, hay);
  }
  return hay;
}

/** The whole timeline as an answer, made once per index (it lists every defection in the table). */
const wholeTimeline = new WeakMap<AnswerIndex, Answer>();

function answerDefectors(index: AnswerIndex, intent: Intent, filter = ''): Answer {
  if (!intent.range && intent.month === null && !filter) {
    let whole = wholeTimeline.get(index);
    if (!whole) wholeTimeline.set(index, (whole = defectorsAnswer(index, intent, filter)));
    // Its lines are read-only (see Answer.parts), so they are shared, not copied: thousands at 10,000 articles.
    return { text: whole.text, sources: [...whole.sources], ...(whole.parts ? { parts: whole.parts } : {}) };
  }
  return defectorsAnswer(index, intent, filter);
}

function defectorsAnswer(index: AnswerIndex, intent: Intent, filter: string): Answer {
  let entries: TimelineEntry[];
  let label = '';
  if (intent.range) {
    entries = sharedTimeline(index, intent.range);
    const r = describeRange(intent.range.from, intent.range.to);
    label = r.startsWith('since') || r.startsWith('up to') ? ` ${r}` : r.includes(' to ') ? ` from ${r}` : ` in ${r}`;
  } else if (intent.month !== null) {
    entries = sharedMonth(index, intent.month);
    const m = MONTHS[intent.month - 1] ?? '';
    label = ` in ${m.charAt(0).toUpperCase()}${m.slice(1)}`;
  } else {
    entries = sharedTimeline(index);
  }
  if (filter) {
    entries = filterDefections(index, entries, filter);
    label += ` matching "${filter.length > 60 ? `${filter.slice(0, 57)}...` : filter}"`;
  }
  if (entries.length === 0) return none(`The articles report no defection${label}.`);
  const head = `${entries.length} defection${entries.length === 1 ? '' : 's'}${label} reported in the articles${entries.length > 1 ? ', by date' : ''}:`;
  // Each entry's sources are already its own distinct copy (groupSources).
  const parts = entries.map((e) => ({ text: `- ${e.line}`, sources: e.sources }));
  return {
    text: [head, ...parts.map((p) => p.text)].join('\n'),
    sources: dedupeSources(entries.flatMap((e) => e.sources)),
    parts: [{ text: head, sources: [] }, ...parts],
  };
}

function answerAttribute(index: AnswerIndex, person: Person, kind: AttributeKind): Answer {
  const groups = attributeValues(person, kind);
  const evidence = groups.flatMap((g) => g.evidence);
  if (groups.length === 0) {
    const what: Record<AttributeKind, string> = {
      age: `${person.name}'s age`,
      origin: `where ${person.name} is from`,
      religion: `${person.name}'s religion or sect`,
      family: `anything about ${person.name}'s family`,
      party: `${person.name}'s party`,
      affiliation: `${person.name}'s affiliation`,
    };
    return none(`The articles do not give ${what[kind]}.`);
  }
  let text: string;
  if (kind === 'age') {
    text =
      groups.length === 1 && groups[0]
        ? `${person.name} is ${groups[0].value} years old (according to ${articlesText(index, groups[0].evidence)}).`
        : `The sources disagree on ${person.name}'s age: ${valuesText(index, groups)}.`;
  } else if (kind === 'origin') {
    text = `${person.name} is from ${valuesText(index, groups, kind)}.`;
  } else {
    const label: Record<AttributeKind, string> = { age: 'Age', origin: 'Origin', religion: 'Religion or sect', family: 'Family', party: 'Party', affiliation: 'Affiliation' };
    text = `${label[kind]} of ${person.name}: ${valuesText(index, groups, kind)}.`;
  }
  return { text, sources: sourcesOf(index, evidence) };
}

/** "Who is from Ras al-Ain?", "Which officials are Sunni?": people whose attribute contains the words. */
function answerAttributeList(index: AnswerIndex, kind: AttributeKind, filter: string): Answer | null {
  const want = normalize(filter);
  if (want === '') return null;
  const hits: Array<{ person: Person; evidence: Evidence[] }> = [];
  for (const person of index.table.people) {
    const evidence = person.attributes.filter((a) => a.kind === kind && ` ${normalizedOnce(a, a.value)} `.includes(` ${want} `)).map((a) => a.evidence);
    if (evidence.length > 0) hits.push({ person, evidence });
  }
  if (hits.length === 0) return null;
  const head = kind === 'origin' ? `From ${filter}` : `${filter.charAt(0).toUpperCase()}${filter.slice(1)}`;
  return {
    text: `${head}: ${hits.map((h) => `${h.person.name} (according to ${articlesText(index, h.evidence)})`).join('; ')}.`,
    sources: sourcesOf(index, hits.flatMap((h) => h.evidence)),
  };
}

function answerWhereTo(index: AnswerIndex, person: Person): Answer {
  const events = (index.eventsByPerson.get(person.id) ?? []).filter((e) => e.place && (e.kind === 'flight' || e.kind === 'defection'));
  if (events.length === 0) return none(`The articles do not say where ${person.name} went.`);
  const byPlace = new Map<string, Event[]>();
  for (const e of events) {
    const key = (e.place ?? '').trim();
    byPlace.set(key, [...(byPlace.get(key) ?? []), e]);
  }
  const parts = [...byPlace.entries()].map(([place, evs]) => {
    const dated = evs.find((e) => e.date?.value);
    return `${place}${dated?.date ? ` ${formatDatePhrase(dated.date)}` : ''} (according to ${articlesText(index, evs.map((e) => e.evidence))})`;
  });
  return { text: `${person.name} went to ${parts.join('; ')}.`, sources: sourcesOf(index, events.map((e) => e.evidence)) };
}

const EVENT_VERB: Record<Event['kind'], string> = { defection: 'defected', appointment: 'was appointed', dismissal: 'was dismissed', flight: 'fled' };

function eventsInRange(index: AnswerIndex, range: { from: string; to: string }): Answer {
  const events = index.table.events
    .filter((e) => e.date && !isReportDate(e.date) && dateWithin(e.date, range.from, range.to))
    .sort((a, b) => dateKey(a.date).localeCompare(dateKey(b.date)));
  const label = describeRange(range.from, range.to);
  if (events.length === 0) return none(`The articles report no dated event ${label.startsWith('since') || label.startsWith('up to') ? label : `in ${label}`}.`);
  const lines = events.slice(0, 25).map((e) => {
    const who = firstPerson(index, e.person)?.name ?? e.subject;
    // An unnamed subject is already its role ("a top air force colonel").
    const role = !e.person || !e.role ? '' : e.kind === 'appointment' ? ` ${recase(index, e.role)}` : ` as ${recase(index, e.role)}`;
    const place = e.place ? ` to ${e.place}` : '';
    return `- ${who} ${EVENT_VERB[e.kind]}${role}${place}, ${formatDatePhrase(e.date!)} (${cite(index, e.evidence.article)})`;
  });
  return { text: [`What the articles report for ${label}:`, ...lines].join('\n'), sources: sourcesOf(index, events.slice(0, 25).map((e) => e.evidence)) };
}

function answerWentTo(index: AnswerIndex, place: string): Answer | null {
  const want = normalize(place);
  if (!want) return null;
  const events = index.table.events.filter((e) => (e.kind === 'flight' || e.kind === 'defection') && e.place && ` ${normalizedOnce(e, e.place)} `.includes(` ${want} `));
  if (events.length === 0) return null;
  const byWho = new Map<string, Event[]>();
  for (const e of events) {
    const who = firstPerson(index, e.person)?.name ?? e.subject;
    byWho.set(who, [...(byWho.get(who) ?? []), e]);
  }
  const parts = [...byWho.entries()].map(([who, evs]) => {
    const dated = evs.find((e) => e.date?.value && !isReportDate(e.date));
    return `${who}${dated?.date ? ` ${formatDatePhrase(dated.date)}` : ''} (according to ${articlesText(index, evs.map((e) => e.evidence))})`;
  });
  return { text: `Went to ${events[0]!.place}: ${parts.join('; ')}.`, sources: sourcesOf(index, events.map((e) => e.evidence)) };
}

function answerHelped(index: AnswerIndex, person: Person): Answer {
  const events = (index.eventsByPerson.get(person.id) ?? []).filter((e) => e.helpedBy.length > 0);
  if (events.length === 0) return none(`The articles do not say who helped ${person.name}.`);
  const byHelper = new Map<string, Set<string>>();
  for (const e of events) {
    for (const h of e.helpedBy) {
      const key = [...byHelper.keys()].find((k) => k.toLowerCase() === h.trim().toLowerCase()) ?? h.trim();
      byHelper.set(key, (byHelper.get(key) ?? new Set<string>()).add(e.evidence.article));
    }
  }
  const parts = [...byHelper.entries()].map(([h, arts]) => `${h} (according to ${list([...arts].map((a) => cite(index, a)))})`);
  return { text: `${person.name} was helped by ${parts.join('; ')}.`, sources: sourcesOf(index, events.map((e) => e.evidence)) };
}

function answerKindEvents(index: AnswerIndex, person: Person, kind: 'appointment' | 'dismissal'): Answer {
  const events = (index.eventsByPerson.get(person.id) ?? []).filter((e) => e.kind === kind);
  const verb = kind === 'appointment' ? 'appointed' : 'dismissed';
  if (events.length === 0) return none(`The articles do not report that ${person.name} was ${verb}.`);
  const lines = events.map((e) => {
    const role = e.role ? (kind === 'appointment' ? ` ${recase(index, e.role)}` : ` as ${recase(index, e.role)}`) : '';
    const when = e.date ? ` ${formatDatePhrase(e.date)}` : '';
    return `${person.name} was ${verb}${role}${when} (according to ${cite(index, e.evidence.article)}).`;
  });
  return { text: [...new Set(lines)].join('\n'), sources: sourcesOf(index, events.map((e) => e.evidence)) };
}

function answerRoles(index: AnswerIndex, person: Person): Answer {
  const r = rolesText(index, person);
  if (!r) return none(`The articles give no role or title for ${person.name}.`);
  return { text: `${person.name}: ${r.text}.`, sources: sourcesOf(index, r.evidence) };
}

function quoteLines(index: AnswerIndex, quotes: Quote[], withSpeaker: boolean): string[] {
  const lines = quotes.slice(0, MAX_QUOTES).map((q) => {
    const who = withSpeaker ? `${q.speaker ? (index.names.people.get(q.speaker)?.name ?? q.speakerName) : q.speakerName}: ` : '';
    const meta = [cite(index, q.evidence.article)];
    if (q.addressee) meta.push(`to ${q.addressee}`);
    if (q.via) meta.push(`via ${q.via}`);
    return `${who ?? ''}"${q.text}" (${meta.join(', ')})`;
  });
  if (quotes.length > MAX_QUOTES) lines.push(`(${quotes.length - MAX_QUOTES} more not shown)`);
  return lines;
}

function answerQuotes(index: AnswerIndex, person: Person, intent: Intent): Answer {
  const topic = [intent.to, intent.about].filter((x): x is string => !!x).join(' ');
  const all = index.quotesBySpeaker.get(person.id) ?? [];
  if (all.length === 0) return none(`The articles do not quote ${person.name}.`);
  let found = quotesBy(index, person.id, topic || undefined).map((x) => x.quote);
  // "What did X say to Z": Z must be whom the quote addresses, or named in it, not just in the sentence around it.
  if (intent.to) {
    const to = new Set(contentStems(intent.to));
    found = found.filter((q) => contentStems(`${q.addressee ?? ''} ${q.text}`).some((t) => to.has(t)));
  }
  // Without a topic, scare-quoted fragments ("criminal regime") give way to what the person said in full.
  const full = found.filter((q) => q.text.trim().split(/\s+/).length >= 5);
  if (!topic && full.length > 0) found = full;
  if (found.length === 0) {
    const what = intent.to ? ` to ${intent.to}` : intent.about ? ` about ${intent.about}` : '';
    return none(`The articles quote ${person.name}, but not saying anything${what}.`);
  }
  const shown = found.slice(0, MAX_QUOTES);
  const head = `${person.name} said${intent.to ? ` to ${intent.to}` : ''}${intent.about ? ` about ${intent.about}` : ''}:`;
  return { text: [head, ...quoteLines(index, found, false)].join('\n'), sources: sourcesOf(index, shown.map((q) => q.evidence)) };
}

/** Quotes whose unresolved speaker name ("a government statement") matches the subject words. */
function quotesByName(index: AnswerIndex, subject: string): Quote[] {
  const want = tokens(subject).filter((t) => t.length > 2);
  if (want.length === 0) return [];
  return index.table.quotes.filter((q) => {
    if (q.speaker || !q.speakerName) return false;
    const have = speakerTokens(q, q.speakerName);
    return want.every((t) => have.has(t));
  });
}

function fallback(index: AnswerIndex, question: string): Answer | null {
  const hits = searchEvidence(index.bm25, question);
  if (hits.length === 0) return null;
  const lines = hits.map((h) => `"${h.doc.text}" (${cite(index, h.doc.article)})`);
  return {
    text: [`The fact table has no direct answer; the closest passage${hits.length > 1 ? 's' : ''} in the articles:`, ...lines].join('\n'),
    sources: sourcesOf(index, hits.map((h) => ({ article: h.doc.article, sentence: h.doc.sentence, start: 0, end: 0, text: h.doc.text }))),
  };
}

function personAnswer(index: AnswerIndex, intent: Intent, person: Person, question = ''): Answer {
  switch (intent.kind) {
    case 'when':
      return answerWhen(index, person);
    case 'age':
      return answerAttribute(index, person, 'age');
    case 'origin':
      return answerAttribute(index, person, 'origin');
    case 'religion':
      return answerAttribute(index, person, 'religion');
    case 'family':
      return answerAttribute(index, person, 'family');
    case 'whereTo':
      return answerWhereTo(index, person);
    case 'helped':
      return answerHelped(index, person);
    case 'appointment':
    case 'dismissal':
      return answerKindEvents(index, person, intent.kind);
    case 'roles':
      return answerRoles(index, person);
    case 'why': {
      // The table holds facts, not motives: say so, and give what is known, cited.
      const when = answerWhen(index, person);
      const head = `The fact table does not record why.`;
      return when.sources.length > 0 ? { text: `${head} What the articles report: ${when.text}`, sources: when.sources } : none(`${DONT_KNOW} ${head}`);
    }
    case 'quote':
      return answerQuotes(index, person, intent);
    case 'articles': {
      const ids = new Set(person.articles);
      return articlesAnswer(index, ids, `Articles that mention ${person.name}:`);
    }
    default:
      return (intent.kind === 'unknown' || intent.kind === 'profile' ? aboutPerson(index, person, question) : null) ?? profile(index, person.id);
  }
}

/**
 * "Did X go underground?", "Who posted the video of X?": an open question about a person that asks more than
 * who they are. Answer with the sentence that holds the question's other words, if one does; else the profile.
 */
function aboutPerson(index: AnswerIndex, person: Person, question: string): Answer | null {
  // "Who is X?", "Who was the president of Y?", "Tell me about X": the profile is the answer.
  if (/^\s*(?:who(?:'s| is| was| are)|tell me about|what about|profile)\b/i.test(question)) return null;
  // The words that named the person (any spelling, or a title they hold) are not the question's topic.
  const nameStems = new Set(contentStems([...person.aliases, ...person.roles.map((r) => r.title)].join(' ')));
  // Words found in a large share of all sentences ("Ruritania" in a story about Ruritania) are background, not a topic.
  const n = index.bm25.docs.length || 1;
  const extra = [...new Set(contentStems(question))].filter(
    (t) => !nameStems.has(t) && !PROFILE_WORDS.has(t) && (index.bm25.postings.get(t)?.size ?? 0) / n < 0.15,
  );
  if (extra.length === 0) return null;
  const hits = searchEvidence(index.bm25, question, 3).filter((h) => {
    const stems = new Set(contentStems(h.doc.text));
    if (!person.aliases.some((a) => h.doc.text.includes(a)) && !/\b(?:he|she|his|her)\b/i.test(h.doc.text)) return false;
    // Most of the question's other words, not just the name: "go underground" finds "had now gone underground".
    return extra.filter((t) => stems.has(t)).length >= Math.max(1, Math.ceil(extra.length / 2));
  });
  if (hits.length === 0) return null;
  const lines = hits.map((h) => `"${h.doc.text}" (${cite(index, h.doc.article)})`);
  return {
    text: [`The fact table has no direct answer; what the articles say:`, ...lines].join('\n'),
    sources: sourcesOf(index, hits.map((h) => ({ article: h.doc.article, sentence: h.doc.sentence, start: 0, end: 0, text: h.doc.text }))),
  };
}

/** Words of "who is X", "tell me about X": asking for the profile itself. */
const PROFILE_WORDS = new Set(contentStems('who is was tell me about profile person know everything info information details background biography'));

const EXAMPLE: Record<string, string> = {
  when: 'When did the prime minister defect?',
  age: 'How old is <name>?',
  quote: 'What did <name> say?',
  helped: 'Who helped <name>?',
  whereTo: 'Where did <name> go?',
  origin: 'Where is <name> from?',
};

function answerInner(index: AnswerIndex, question: string): Answer {
  const q = question.slice(0, MAX_QUESTION).trim();
  if (q === '' || !/[\p{L}\p{N}]/u.test(q)) {
    return none('Ask a question about the articles, e.g. "Who defected in 2012?" or "What did <name> say?".');
  }
  const intent = parseIntent(q);
  if (intent.kind === 'defectors') return answerDefectors(index, intent);
  if (intent.kind === 'articles' && intent.subject === '') return articlesAnswer(index);
  if (intent.kind === 'quote' && intent.subject === '') {
    const topic = [intent.to, intent.about].filter(Boolean).join(' ');
    const hits = topic ? quotesAbout(index, topic) : [];
    if (hits.length > 0) {
      const quotes = hits.map((h) => h.quote);
      return { text: quoteLines(index, quotes, true).join('\n'), sources: sourcesOf(index, quotes.map((x) => x.evidence)) };
    }
    return topic ? none(`${DONT_KNOW} No quote in the articles matches that.`) : askWho(EXAMPLE.quote ?? '');
  }
  // "What happened on 6 August 2012?": every dated event in that range, cited.
  if (intent.range && /\bwhat\b.*\b(?:happen\w*|events?|news)\b/i.test(q)) return eventsInRange(index, intent.range);
  if (intent.subject === '') {
    if (intent.kind === 'unknown' || intent.kind === 'profile' || intent.kind === 'why') return fallback(index, q) ?? none(DONT_KNOW);
    if (intent.kind === 'when' || intent.kind === 'appointment' || intent.kind === 'dismissal') return answerDefectors(index, intent);
    return askWho(EXAMPLE[intent.kind] ?? 'Who is <name>?');
  }
  const res = resolveSubject(index, intent.subject);
  if (res.person) return personAnswer(index, intent, res.person, q);
  if ((intent.kind === 'origin' || intent.kind === 'religion') && res.suggestions.length === 0) {
    const listed = answerAttributeList(index, intent.kind, intent.subject);
    if (listed) return listed;
  }
  // "Who fled to Kelsk?", "Who went to Norland?": people whose flight or defection went to that place.
  if (intent.list && !res.person && /\b(?:fle[ed]\w*|went|gone|escap\w*|crossed|go|goes)\b/i.test(q)) {
    const wentTo = answerWentTo(index, intent.subject);
    if (wentTo) return wentTo;
  }
  if (intent.kind === 'when' && intent.list && res.events.length === 0) {
    const listed = answerDefectors(index, intent, intent.subject);
    if (listed.sources.length > 0) return listed;
    return fallback(index, q) ?? listed;
  }
  if (res.events.length > 0 && (intent.kind === 'when' || intent.kind === 'whereTo' || intent.kind === 'helped' || intent.kind === 'profile')) {
    const a = answerEventsWithoutPerson(index, intent, res.events);
    if (a) return a;
  }
  if (intent.kind === 'quote') {
    const quotes = quotesByName(index, intent.subject);
    if (quotes.length > 0) {
      return { text: quoteLines(index, quotes, true).join('\n'), sources: sourcesOf(index, quotes.slice(0, MAX_QUOTES).map((x) => x.evidence)) };
    }
  }
  if (intent.kind === 'articles' && !/\p{Lu}/u.test(intent.subject)) return articlesAnswer(index);
  if (intent.kind === 'unknown' || intent.kind === 'profile' || intent.kind === 'articles' || intent.kind === 'why') {
    const fb = res.suggestions.length === 0 ? fallback(index, q) : null;
    if (fb) return fb;
  }
  // A lower-case, non-name subject in an open question: no person is being asked about.
  if ((intent.kind === 'unknown' || intent.kind === 'profile' || intent.kind === 'why') && !/\p{Lu}/u.test(intent.subject) && res.suggestions.length === 0) {
    return none(DONT_KNOW);
  }
  return notFound(index, intent.subject, res.suggestions);
}

export function answer(index: AnswerIndex, question: string): Answer {
  try {
    return answerInner(index, typeof question === 'string' ? question : String(question ?? ''));
  } catch (err) {
    // Never throw to a caller serving users; the message carries no facts and cites nothing.
    const reason = err instanceof Error ? err.message : String(err);
    return none(`Sorry, that question could not be answered (${reason.slice(0, 120)}).`);
  }
}
