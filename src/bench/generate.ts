// The corpus generator: deterministic news-like articles about an invented world (see world.ts), with a
// manifest in the seeds' shape and the facts it planted (defections, quotes, denials, other events), so a
// benchmark can score extraction at scale. Sentences are written as a wire story would word them: ledes,
// "he said" and "said X" attributions, quotes over several sentences or cut with ". . .", relative dates,
// defections in passing, denials, and page furniture (headlines, glued photo credits, "Share", newsletters).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Planted, PlantedDate, PlantedDefection, PlantedDenial, PlantedEvent, PlantedQuote } from './planted.js';
import { Rng } from './random.js';
import { makeWorld, ministryOf, type Country, type World, type WorldPerson } from './world.js';

export interface CorpusOptions {
  articles: number;
  seed?: string | number;
}

export interface CorpusFile {
  file: string;
  text: string;
  published: string;
  outlet: string;
}

export interface Corpus {
  files: CorpusFile[];
  manifest: Record<string, { published: string; outlet: string }>;
  planted: Planted;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINALS = ['second', 'third', 'fourth', 'fifth', 'sixth', 'latest'];
const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six'];
const PHOTO_AGENCIES = ['Reuters', 'AFP', 'EPA', 'Getty Images', 'AP'];

// Quotation banks. Placeholders: {country} {capital} {city} {president} {demonym} {years}.
const DEFECTOR_LINES = [
  'I can no longer serve a government that kills its own people',
  'I have left this regime and I stand with the people of {country}',
  'The regime has lost every right to speak for {country}',
  'Every official who stays in {capital} is complicit in these crimes',
  'I call on my colleagues to abandon this sinking ship',
  'History will judge those who gave the orders',
  'The army must protect the people, not fire on them',
  'My family and I are safe, and I will not go back while {president} rules',
  'I worked for this state for {years} years and I will not end my career serving criminals',
  'We were ordered to fire on our own people and I refused',
  'This is the end of a regime that lives on lies',
  'The people of {city} deserve freedom and dignity',
  'I waited too long, and I ask the families of {city} to forgive me',
  'Nobody in {capital} believes the official story any more',
  'The shelling of {city} was the last straw for me',
  'I know they will burn my house, but I had to speak',
];
const FOLLOWUP_LINES = [
  'More officials are ready to leave, they are only waiting for a safe road out',
  'The army is running out of fuel and out of patience',
  '{president} has lost control of {city}',
  'I speak every day with colleagues who are still in {capital}',
  'The next months will decide the future of {country}',
  'We need the world to close the airspace over {city}',
  'I do not regret my decision for a single day',
  'The regime pays soldiers with promises and nothing else',
];
const ANALYST_LINES = [
  'This is a serious blow to {president}',
  'The defections will continue as long as the shelling goes on',
  'It shows that the inner circle in {capital} is cracking',
  'Nobody in {capital} expected this',
  'A regime can survive one defection but not a collapse of its army',
  'The symbolism matters more than the man',
  'Each departure makes the next one easier',
];
const LOYALIST_LINES = [
  'These reports are lies spread by foreign channels',
  'The government of {country} remains united',
  'Nobody has left the government',
  'The state will not be intimidated by rumours',
];
const APPOINTEE_LINES = [
  'I will serve {country} with all my strength',
  'My first task is to restore order in {city}',
  'The doors of my office are open to every citizen',
  'We will rebuild what the terrorists destroyed in {city}',
];
const IMPERATIVES = [
  'lay down your weapons and stand with the people',
  'refuse the orders that come from {capital}',
  'turn your guns away from your brothers',
  'go home to your families',
];
const INSULTS = ['an act of treason', 'a desperate stunt', 'a betrayal of the homeland', 'the act of a coward'];
const MISCONDUCT = ['gross misconduct', 'neglect of duty', 'abuse of office', 'dereliction of duty'];
const BACKGROUND = [
  'The uprising against {president} began with street protests in {city} and has since spread to most provinces.',
  'Rights groups say thousands of people have been killed in the government crackdown, most of them civilians.',
  'Government forces have shelled districts of {city} for several weeks as they try to dislodge rebels.',
  '{president} has blamed the unrest on foreign-backed armed gangs.',
  'Foreign journalists are barred from most of {country}, and reports are hard to verify independently.',
  'The United Nations says more than a million people have fled their homes since the fighting began.',
  'Fuel and bread prices in {capital} have tripled since the start of the year, according to aid agencies.',
  'The army has relied increasingly on irregular militias to hold the roads around {city}.',
  'Neighbouring governments have closed several border crossings, citing security concerns.',
  'Talks between the government and the opposition collapsed in the spring after a week of shelling.',
  'The economy has shrunk by almost a third, and the currency has lost most of its value.',
  'Electricity in {city} is available for only a few hours a day, residents say.',
  'Diplomats say {country}{apos}s oil exports have all but stopped.',
  'Activists reported heavy clashes overnight on the outskirts of {city}.',
  'The opposition says it controls large parts of the countryside in the north and east.',
];
const CLAUSES = [
  'more officials were preparing to leave the government',
  'the army was running short of fuel',
  '{president} had lost control of the east',
  'talks with the opposition were the only way out',
];

interface Style {
  open: string;
  close: string;
  apos: string;
  /** Paragraph separator: a blank line or a single newline. */
  sep: string;
}

/** Writes one article, recording every fact it states. */
class Article {
  readonly paras: string[] = [];
  readonly defections: PlantedDefection[] = [];
  readonly quotes: PlantedQuote[] = [];
  readonly denials: PlantedDenial[] = [];
  readonly events: PlantedEvent[] = [];
  private readonly spelled = new Map<string, string>();
  private lastNamed: WorldPerson | null = null;

  constructor(
    readonly rng: Rng,
    readonly world: World,
    readonly id: string,
    readonly published: string,
    readonly outlet: string,
    readonly country: Country,
    readonly style: Style,
    readonly spellingsUsed: Map<string, Set<string>>,
  ) {}

  get president(): string {
    return this.world.presidents.get(this.country.name) ?? 'the president';
  }

  fill(template: string, extra: Record<string, string> = {}): string {
    const vars: Record<string, string> = {
      country: this.country.name,
      capital: this.country.capital,
      demonym: this.country.demonym,
      president: this.president,
      city: this.rng.pick(this.country.cities.slice(1)),
      years: String(this.rng.int(12, 35)),
      apos: this.style.apos,
      ...extra,
    };
    return template.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? `{${k}}`);
  }

  /** The family name as this article spells it (chosen once per article). */
  family(p: WorldPerson): string {
    let f = this.spelled.get(p.id);
    if (!f) {
      f = p.variants.length > 0 && this.rng.chance(0.25) ? this.rng.pick(p.variants) : p.family;
      this.spelled.set(p.id, f);
      const used = this.spellingsUsed.get(p.id) ?? new Set<string>();
      used.add(`${p.given} ${f}`);
      this.spellingsUsed.set(p.id, used);
    }
    return f;
  }

  /** The full name, written into the text: `p` becomes the last person named. */
  full(p: WorldPerson): string {
    this.lastNamed = p;
    return this.fullAsSpelled(p);
  }

  /**
   * The full name as this article spells it, for the planted facts only: it does not make `p` the last person
   * named, so a following "he said" still refers to whoever the text itself named last.
   */
  fullAsSpelled(p: WorldPerson): string {
    return `${p.given} ${this.family(p)}`;
  }

  /** Marks `p` as the last person named (for "he said"). */
  named(p: WorldPerson | null): void {
    this.lastNamed = p;
  }

  isLast(p: WorldPerson): boolean {
    return this.lastNamed === p;
  }

  /** "deputy oil minister Teodor Vashkelis" for civilians; "General Teodor Vashkelis" (the title says it) for officers. */
  titled(p: WorldPerson): string {
    const first = this.ref(p, true);
    if (p.role.military) return first;
    // "ambassador to Norvia Teodor X" is not how a desk writes it: titles with a preposition go after the name.
    return prepositional(p.role.text) ? `${first}, the ${p.role.text},` : `${p.role.text} ${first}`;
  }

  /** First mention: full name (with a military title); later: "Mr X", "General X" or the bare family name. */
  ref(p: WorldPerson, first = !this.spelled.has(p.id)): string {
    const fam = this.family(p);
    this.lastNamed = p;
    if (first) return p.role.honorific && p.role.honorific !== 'President' ? `${p.role.honorific} ${p.given} ${fam}` : `${p.given} ${fam}`;
    if (p.role.honorific && this.rng.chance(0.6)) return `${p.role.honorific} ${fam}`;
    return this.rng.chance(0.5) ? `${p.gender === 'f' ? 'Ms' : 'Mr'} ${fam}` : fam;
  }

  /** "he"/"she" when the last person named is `p`, else a reference by name. */
  subject(p: WorldPerson): string {
    return this.lastNamed === p ? (p.gender === 'f' ? 'she' : 'he') : this.ref(p);
  }

  his(p: WorldPerson): string {
    return p.gender === 'f' ? 'her' : 'his';
  }

  /** The outlet as an object in running text: "the Norvia Herald", "The Kelsk Observer", "Radio Kelsk". */
  get theOutlet(): string {
    return /^(The|Radio)\s/.test(this.outlet) ? this.outlet : `the ${this.outlet}`;
  }

  private readonly usedLines = new Set<string>();

  /** A line from a bank not yet used in this article (when possible), with placeholders filled. */
  line(bank: readonly string[]): string {
    const fresh = bank.filter((l) => !this.usedLines.has(l));
    const l = this.rng.pick(fresh.length > 0 ? fresh : bank);
    this.usedLines.add(l);
    return this.fill(l);
  }

  q(text: string): string {
    return `${this.style.open}${text}${this.style.close}`;
  }

  possessive(name: string): string {
    return `${name}${this.style.apos}s`;
  }

  quote(p: WorldPerson | null, speakerName: string, written: string, text: string, addressee: string | null = null): void {
    this.quotes.push({ speaker: p?.id ?? null, speakerName, written, article: this.id, text, addressee });
  }

  defection(p: WorldPerson, date: PlantedDate | null, inPassing = false): void {
    if (this.defections.some((d) => d.person === p.id)) return;
    this.defections.push({ person: p.id, name: `${p.given} ${p.family}`, written: this.fullAsSpelled(p), article: this.id, date, role: p.role.title, inPassing });
  }

  event(kind: PlantedEvent['kind'], p: WorldPerson, place: string | null = null): void {
    this.events.push({ kind, person: p.id, name: `${p.given} ${p.family}`, article: this.id, place });
  }

  add(paragraph: string): void {
    this.paras.push(paragraph);
  }

  /** A day-precision expression for `daysBefore` days before publication, and what it means. */
  dayPhrase(daysBefore: number): PlantedDate {
    const day = addDays(this.published, -daysBefore);
    let text: string;
    if (daysBefore === 1 && this.rng.chance(0.4)) text = this.rng.pick(['last night', 'yesterday']);
    else if (daysBefore === 0 && this.rng.chance(0.5)) text = 'this morning';
    else text = `on ${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;
    return { value: day, precision: 'day', text };
  }

  /** A month-precision expression for an ISO day before publication ("in March", "in late March 2016"). */
  monthPhrase(day: string, qualify = false): PlantedDate {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const [py, pm] = this.published.split('-').map(Number) as [number, number];
    const monthsAgo = (py - y) * 12 + (pm - m);
    const qual = qualify ? (d <= 10 ? 'early ' : d > 20 ? 'late ' : '') : '';
    const name = MONTHS[m - 1]!;
    let text: string;
    if (monthsAgo === 1 && !qual && this.rng.chance(0.5)) text = 'last month';
    else if (monthsAgo <= 10 && this.rng.chance(0.6)) text = `in ${qual}${name}`;
    else text = `in ${qual}${name} ${y}`;
    return { value: `${y}-${String(m).padStart(2, '0')}`, precision: 'month', text };
  }

  text(): string {
    return this.paras.join(this.style.sep) + '\n';
  }
}

function addDays(iso: string, n: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function prepositional(role: string): boolean {
  return /\s(?:to|of|in|for)\s/.test(role);
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A role in running text after the country: "Norvia's deputy oil minister". */
function roleOf(a: Article, p: WorldPerson): string {
  if (p.role.military) return p.role.text.startsWith('commander') ? `the ${p.role.text}` : `a ${p.country.demonym} ${p.role.text}`;
  return `${a.possessive(p.country.name)} ${p.role.text}`;
}

function trimEnd(s: string): string {
  return s.replace(/[.,]$/, '');
}

type StoryKind = 'defection' | 'followup' | 'denial' | 'appointment' | 'dismissal' | 'roundup';

interface State {
  world: World;
  defectors: WorldPerson[];
}

function freshOfficial(a: Article, state: State): WorldPerson {
  const pool = a.world.people.filter((p) => !p.loyalist && !p.defected && p.country === a.country);
  if (pool.length > 0 && a.rng.chance(0.3)) return a.rng.pick(pool);
  return a.world.newPerson(a.country);
  void state;
}

function earlierDefector(a: Article, state: State, exclude: WorldPerson[] = []): WorldPerson | null {
  const candidates = state.defectors.filter((p) => p.defected! < a.published && !exclude.includes(p));
  if (candidates.length === 0) return null;
  // Recent defectors are talked about more.
  const recent = candidates.slice(-40);
  return a.rng.pick(a.rng.chance(0.7) ? recent : candidates);
}

function loyalist(a: Article): WorldPerson {
  const pool = a.world.people.filter((p) => p.loyalist && p.country === a.country && p.role.title !== 'president');
  if (pool.length > 3 && a.rng.chance(0.6)) return a.rng.pick(pool);
  return a.world.newPerson(a.country, { loyalist: true });
}

function bystander(a: Article, kind: 'analyst' | 'rebel' | 'spokesman'): { person: WorldPerson; desc: string } {
  const p = a.world.newPerson(a.rng.pick(a.world.countries), { loyalist: true, role: { title: kind, text: kind, honorific: null, military: false } });
  const desc =
    kind === 'analyst'
      ? `an analyst at the ${a.rng.pick(p.country.cities)} Institute`
      : kind === 'rebel'
        ? `a commander of the rebel ${a.rng.pick(['Free', 'Northern', 'Eastern', 'United'])} ${a.country.demonym} Brigades`
        : `a ${p.gender === 'f' ? 'spokeswoman' : 'spokesman'} for the ${ministryOf(a.rng.pick(a.world.people.filter((x) => x.country === a.country)).role, a.country)}`;
  return { person: p, desc };
}

/** A paragraph with a defector's quote, attributed one of several ways. */
function defectorQuote(a: Article, p: WorldPerson, lines: readonly string[] = DEFECTOR_LINES): void {
  const line = a.line(lines);
  const shape = a.rng.int(0, 5);
  const written = a.fullAsSpelled(p);
  const name = `${p.given} ${p.family}`;
  if (shape === 0) {
    a.add(`${a.q(`${line},`)} ${a.subject(p)} said.`);
    a.quote(p, name, written, line);
  } else if (shape === 1) {
    a.add(`${a.q(`${line},`)} said ${a.ref(p)}.`);
    a.quote(p, name, written, line);
  } else if (shape === 2) {
    const second = a.line(lines);
    const text = `${line}. ${second}`;
    a.add(`${a.q(`${text},`)} ${a.ref(p)} said in a statement.`);
    a.quote(p, name, written, text);
  } else if (shape === 3) {
    a.add(`${cap(a.subject(p))} told ${a.theOutlet}: ${a.q(`${line}.`)}`);
    a.quote(p, name, written, `${line}.`);
  } else if (shape === 4) {
    const second = a.line(lines);
    const text = `${line} . . . ${second}`;
    a.add(`${a.q(`${text},`)} ${a.ref(p)} wrote on Facebook.`);
    a.quote(p, name, written, text);
  } else {
    const addressee = a.rng.pick(['the army', 'the police', 'the security forces', 'soldiers']);
    const text = a.line(IMPERATIVES);
    a.add(`${a.ref(p)} urged ${addressee} to ${a.q(text)}.`);
    a.quote(p, name, written, text, addressee);
  }
}

function analystQuote(a: Article): void {
  const { person, desc } = bystander(a, 'analyst');
  const line = a.line(ANALYST_LINES);
  const name = `${person.given} ${person.family}`;
  if (a.rng.chance(0.5)) {
    a.add(`${a.q(`${line},`)} said ${a.full(person)}, ${desc}.`);
  } else {
    a.add(`${a.q(`${line},`)} ${a.full(person)} of the ${a.rng.pick(person.country.cities)} Institute told ${a.theOutlet}.`);
  }
  a.quote(person, name, a.fullAsSpelled(person), line);
}

function denialParagraph(a: Article): void {
  const l = loyalist(a);
  const pron = l.gender === 'f' ? 'she' : 'he';
  const shape = a.rng.int(0, 2);
  const written = a.full(l);
  if (shape === 0) {
    a.add(`Officials in ${a.country.capital} denied reports that ${a.titled(l)} had also defected, saying ${pron} remained at ${a.his(l)} desk.`);
  } else if (shape === 1) {
    a.add(`The ${ministryOf(l.role, a.country)} denied that ${written}, the ${l.role.text}, had deserted, and said ${pron} was still at work.`);
  } else {
    a.add(`${written}, the ${l.role.text}, denied reports that ${pron} had defected, telling state television ${pron} had never left ${a.country.capital}.`);
  }
  a.ref(l, false);
  a.denials.push({ person: l.id, name: `${l.given} ${l.family}`, written, article: a.id });
}

function inPassing(a: Article, state: State, lead: WorldPerson): void {
  const e = earlierDefector(a, state, [lead]);
  if (!e) return;
  const when = a.monthPhrase(e.defected!);
  a.add(`${cap(a.subject(lead))} is the ${a.rng.pick(ORDINALS)} senior official to defect since ${a.full(e)}, the ${e.role.text}, ${a.rng.pick(['deserted', 'defected', 'abandoned the government'])} ${when.text}.`);
  a.defection(e, when, true);
}

function furnitureTop(a: Article, headline: string): void {
  if (a.rng.chance(0.7)) a.add(headline);
}

function photoCredit(a: Article, p: WorldPerson): void {
  const agency = a.rng.pick(PHOTO_AGENCIES);
  const shape = a.rng.int(0, 2);
  if (shape === 0) a.add(`${a.full(p)}${agency}`);
  else if (shape === 1) {
    a.add(a.full(p));
    a.add(`${a.full(p)}${agency}`);
  } else a.add(`Photograph: ${agency}`);
}

function furnitureBottom(a: Article): void {
  if (a.rng.chance(0.4)) a.add('Share');
  if (a.rng.chance(0.35)) {
    a.add('Sign up to our newsletter');
    a.add(`Get ${a.theOutlet} morning briefing straight to your inbox.`);
    if (a.rng.chance(0.5)) a.add('You can unsubscribe at any time. Read our privacy policy.');
  }
}

/** One to three paragraphs of context (two or three sentences each) that state no planted fact. */
function background(a: Article): void {
  const paragraphs = a.rng.int(1, 3);
  for (let i = 0; i < paragraphs; i++) {
    const sentences = a.rng.int(1, 3);
    a.add(Array.from({ length: sentences }, () => a.line(BACKGROUND)).join(' '));
  }
  a.named(null);
}

function defectionStory(a: Article, state: State): void {
  const p = freshOfficial(a, state);
  const rng = a.rng;
  const daysBefore = rng.weighted<number>([[0, 2], [1, 3], [2, 2], [3, 2], [4, 1], [5, 1], [6, 1]]);
  const monthly = rng.chance(0.15);
  const day = monthly ? addDays(a.published, -rng.int(25, 50)) : addDays(a.published, -daysBefore);
  const when = monthly ? a.monthPhrase(day, true) : a.dayPhrase(daysBefore);
  p.defected = day;
  state.defectors.push(p);
  furnitureTop(a, rng.pick([`${p.country.demonym} ${p.role.text} defects`, `${cap(p.role.text)} quits ${a.possessive(a.president)} government`, `${cap(p.role.text)} joins opposition`]));
  const neighbour = rng.pick(a.world.countries.filter((c) => c !== p.country));
  const lede = rng.int(0, 4);
  const first = a.ref(p, true);
  let dated = true;
  if (lede === 0) {
    const short = a.fill(rng.pick(['a government that kills its own people', 'a criminal regime', 'a government of thieves']));
    a.add(`${p.role.military || prepositional(p.role.text) ? `${first}, ${roleOf(a, p)},` : `${roleOf(a, p)} ${first}`} has defected to the opposition, saying ${p.gender === 'f' ? 'she' : 'he'} could no longer serve ${a.q(short)}.`);
    a.quote(p, `${p.given} ${p.family}`, a.fullAsSpelled(p), short);
    dated = false;
  } else if (lede === 1) {
    a.add(`${first}, ${roleOf(a, p)}, defected ${when.text}, becoming the most senior official to abandon ${a.possessive(a.president)} government.`);
  } else if (lede === 2) {
    a.add(`${first}, the ${p.role.text}, deserted ${when.text} and crossed into ${neighbour.name} with ${a.his(p)} family, officials in ${neighbour.capital} said.`);
    a.event('flight', p, neighbour.name);
  } else if (lede === 3) {
    a.add(`${first}, ${roleOf(a, p)}, joined the ranks of the revolution ${when.text}, opposition activists said.`);
  } else {
    a.add(`${first} announced ${a.his(p)} defection ${when.text} in a video posted on YouTube, saying the army had shelled ${a.fill('{city}')}.`);
  }
  a.defection(p, dated ? when : null);
  if (rng.chance(0.4)) photoCredit(a, p);
  const body: Array<() => void> = [];
  if (!dated) {
    body.push(() => {
      a.add(`${cap(a.subject(p))} announced ${a.his(p)} defection ${when.text} in a ${rng.pick(['video posted on YouTube', 'statement read on state television', 'message on Facebook'])}.`);
      a.defections[0]!.date = when;
    });
  }
  body.push(() => {
    const decl = `I, ${a.full(p)}, ${p.role.text}, announce my defection from this regime${rng.chance(0.5) ? ' and my resignation' : ''}`;
    a.add(`${a.q(`${decl},`)} ${a.subject(p)} said in a ${rng.pick(['four-minute video posted on YouTube', 'statement read on the opposition channel', 'video posted on social media'])}.`);
    a.quote(p, `${p.given} ${p.family}`, a.fullAsSpelled(p), decl);
  });
  body.push(() => {
    const kids = rng.pick(NUMBER_WORDS);
    const last = a.isLast(p);
    const who = last ? `The ${p.age}-year-old` : `${a.ref(p)}, ${p.age}`;
    if (lede !== 2 && rng.chance(0.6)) {
      a.add(`${who}, who is married and has ${kids} children, fled to ${neighbour.name} with ${a.his(p)} family, according to opposition activists.`);
      a.event('flight', p, neighbour.name);
    } else {
      a.add(last ? `The ${p.age}-year-old is from ${p.hometown} and is married with ${kids} children.` : `${a.ref(p)} is ${p.age}, comes from ${p.hometown} and is married with ${kids} children.`);
    }
    a.ref(p, false);
  });
  body.push(() => defectorQuote(a, p));
  if (rng.chance(0.7)) body.push(() => defectorQuote(a, p));
  if (rng.chance(0.4)) {
    body.push(() => {
      const year = Number(p.defected!.slice(0, 4)) - rng.int(1, 6);
      const when2 = `${MONTHS[rng.int(0, 11)]} ${year}`;
      const line = a.line(DEFECTOR_LINES);
      a.add(`${a.q(`${line},`)} said ${a.family(p)}, who was appointed ${p.role.text} in ${when2}.`);
      a.ref(p, false);
      a.quote(p, `${p.given} ${p.family}`, a.fullAsSpelled(p), line);
      a.event('appointment', p);
    });
  }
  if (rng.chance(0.35)) {
    body.push(() => {
      const { person: h, desc } = bystander(a, 'rebel');
      a.add(`${a.full(h)}, ${desc}, said ${a.his(h)} fighters had helped ${a.family(p)} reach the border.`);
      const line = a.fill(rng.pick(['We secured the road and handed them over at the border', 'It took us two nights to get the family out', 'We will help anyone who wants to leave']));
      a.add(`${a.q(`${line},`)} ${h.gender === 'f' ? 'she' : 'he'} told ${a.theOutlet} by telephone.`);
      a.quote(h, `${h.given} ${h.family}`, a.fullAsSpelled(h), line);
      a.named(h);
    });
  }
  if (rng.chance(0.3)) {
    body.push(() => {
      a.add(`State television said ${a.ref(p)} had been dismissed, but opposition activists said ${p.gender === 'f' ? 'she' : 'he'} had fled before ${a.his(p)} sacking.`);
      a.event('dismissal', p);
    });
  }
  if (rng.chance(0.5)) body.push(() => inPassing(a, state, p));
  if (rng.chance(0.25)) body.push(() => denialParagraph(a));
  if (rng.chance(0.3)) {
    body.push(() => {
      const { person: s, desc } = bystander(a, 'spokesman');
      const insult = rng.pick(INSULTS);
      a.add(`${a.full(s)}, ${desc}, called the move ${a.q(insult)}.`);
      a.quote(s, `${s.given} ${s.family}`, a.fullAsSpelled(s), insult);
    });
  }
  if (rng.chance(0.5)) body.push(() => analystQuote(a));
  body.push(() => background(a));
  // Keep the first two (dates and the declaration) near the top; shuffle the rest.
  const [b0, b1, ...rest] = body;
  for (const f of [b0, b1, ...rng.shuffle(rest)]) f?.();
  furnitureBottom(a);
}

function followupStory(a: Article, state: State): void {
  const e = earlierDefector(a, state);
  if (!e) return defectionStory(a, state);
  const rng = a.rng;
  const defectedWhen = a.monthPhrase(e.defected!);
  const said = a.dayPhrase(rng.int(0, 5));
  furnitureTop(a, rng.pick([`Former ${e.role.text} says more will follow`, `Exiled ${e.role.text} speaks out`]));
  a.add(`${a.ref(e, true)}, the former ${e.role.text} who defected ${defectedWhen.text}, said ${said.text} that ${a.fill(rng.pick(CLAUSES))}.`);
  a.defection(e, defectedWhen, true);
  const here = rng.pick(a.world.countries.filter((c) => c !== e.country));
  a.add(`Speaking to ${a.theOutlet} in ${here.capital}, where ${e.gender === 'f' ? 'she' : 'he'} has lived since leaving ${e.country.name}, ${a.family(e)} described the mood among officials who stayed.`);
  a.ref(e, false);
  defectorQuote(a, e, FOLLOWUP_LINES);
  if (rng.chance(0.7)) defectorQuote(a, e, FOLLOWUP_LINES);
  if (rng.chance(0.5)) inPassing(a, state, e);
  if (rng.chance(0.4)) analystQuote(a);
  background(a);
  furnitureBottom(a);
}

function denialStory(a: Article): void {
  const l = loyalist(a);
  const rng = a.rng;
  const when = a.dayPhrase(rng.int(0, 3));
  const ministry = ministryOf(l.role, a.country);
  const lies = rng.pick(['baseless lies', 'a fabrication', 'pure propaganda']);
  furnitureTop(a, `${a.country.name} denies ${l.role.text} has defected`);
  a.add(`The ${a.country.demonym} ${ministry} denied ${when.text} reports that ${a.titled(l)} had defected, calling them ${a.q(lies)}.`);
  a.denials.push({ person: l.id, name: `${l.given} ${l.family}`, written: a.fullAsSpelled(l), article: a.id });
  a.quote(null, `the ${a.country.demonym} ${ministry}`, `the ${ministry}`, lies);
  const { person: s, desc } = bystander(a, 'spokesman');
  const line = `${a.family(l)} is at ${a.his(l)} desk in ${a.country.capital} and continues ${a.his(l)} work`;
  a.add(`${a.q(`${line},`)} said ${a.full(s)}, ${desc}.`);
  a.quote(s, `${s.given} ${s.family}`, a.fullAsSpelled(s), line);
  a.add(`Opposition websites had claimed that ${l.gender === 'f' ? 'she' : 'he'} had left the country with ${a.his(l)} family.`);
  if (rng.chance(0.6)) {
    const line2 = a.line(LOYALIST_LINES);
    a.add(`${a.ref(l, false)} appeared on state television in the evening. ${a.q(`${line2},`)} ${l.gender === 'f' ? 'she' : 'he'} said.`);
    a.quote(l, `${l.given} ${l.family}`, a.fullAsSpelled(l), line2);
  } else {
    a.add(`${a.ref(l, false)} did not comment.`);
  }
  if (rng.chance(0.5)) analystQuote(a);
  background(a);
  furnitureBottom(a);
}

function appointmentStory(a: Article, state: State): void {
  const rng = a.rng;
  const replaced = rng.chance(0.6) ? earlierDefector(a, state) : null;
  const n = a.world.newPerson(a.country, { loyalist: true, ...(replaced ? { role: replaced.role } : {}) });
  const when = a.dayPhrase(rng.int(0, 4));
  furnitureTop(a, `New ${n.role.text} named in ${a.country.capital}`);
  a.add(`President ${a.president} appointed ${a.ref(n, true)} as ${n.role.text} ${when.text}, state television reported.`);
  a.event('appointment', n);
  if (replaced) {
    const w = a.monthPhrase(replaced.defected!);
    a.add(`${a.family(n)} replaces ${a.full(replaced)}, who defected ${w.text}.`);
    a.ref(n, false);
    a.defection(replaced, w, true);
  }
  const line = a.line(APPOINTEE_LINES);
  a.add(`${a.q(`${line},`)} ${a.family(n)} said in ${a.his(n)} first speech.`);
  a.ref(n, false);
  a.quote(n, `${n.given} ${n.family}`, a.fullAsSpelled(n), line);
  a.add(`The ${n.age}-year-old, who comes from ${n.hometown}, is seen as close to the president's family.`);
  if (rng.chance(0.4)) analystQuote(a);
  background(a);
  furnitureBottom(a);
}

function dismissalStory(a: Article, state: State): void {
  const p = freshOfficial(a, state);
  const rng = a.rng;
  const when = a.dayPhrase(rng.int(0, 4));
  const why = rng.pick(MISCONDUCT);
  furnitureTop(a, `${cap(p.role.text)} sacked`);
  a.add(`The government of ${a.country.name} said ${when.text} it had dismissed ${a.titled(p)} for ${a.q(why)}.`);
  a.event('dismissal', p);
  a.quote(null, 'The government', 'The government', why);
  a.add(`No reason was given beyond the statement, and ${a.ref(p, false)} could not be reached for comment.`);
  if (rng.chance(0.4)) denialParagraph(a);
  if (rng.chance(0.5)) analystQuote(a);
  background(a);
  furnitureBottom(a);
}

function roundupStory(a: Article, state: State): void {
  const e1 = earlierDefector(a, state);
  const e2 = e1 ? earlierDefector(a, state, [e1]) : null;
  if (!e1 || !e2) return defectionStory(a, state);
  const rng = a.rng;
  furnitureTop(a, `Who has left ${a.possessive(a.president)} government?`);
  a.add(`${cap(rng.pick(NUMBER_WORDS))} senior officials have abandoned ${a.possessive(a.president)} government this year, according to a tally by ${a.theOutlet}.`);
  const w1 = a.monthPhrase(e1.defected!);
  const w2 = a.monthPhrase(e2.defected!);
  const place = rng.pick(a.world.countries.filter((c) => c !== a.country)).name;
  a.add(`They include ${a.full(e1)}, the ${e1.role.text}, who defected ${w1.text}, and ${a.full(e2)}, ${e2.role.text.startsWith('commander') || e2.role.military ? 'an officer' : `the ${e2.role.text}`}, who fled to ${place} ${w2.text}.`);
  a.defection(e1, w1, true);
  a.defection(e2, w2, true);
  a.event('flight', e2, place);
  analystQuote(a);
  if (rng.chance(0.5)) analystQuote(a);
  background(a);
  furnitureBottom(a);
}

/** Generates a corpus in memory. Same options -> same bytes. */
export function generateCorpus(options: CorpusOptions): Corpus {
  const seed = String(options.seed ?? 'dossier');
  const n = options.articles;
  if (!Number.isInteger(n) || n < 1) throw new Error(`articles must be a positive integer, not ${n}`);
  const rng = new Rng(seed);
  const world = makeWorld(rng.fork('world'), n >= 500 ? 3 : 2);
  const state: State = { world, defectors: [] };
  const spellingsUsed = new Map<string, Set<string>>();
  // Publication dates: from early 2014, about four articles a day at scale, at least three months in all.
  const start = Date.UTC(2014, 0, 6);
  const spanDays = Math.min(2000, Math.max(90, Math.ceil(n / 4)));
  const files: CorpusFile[] = [];
  const manifest: Corpus['manifest'] = {};
  const planted: Planted = { seed, articles: n, people: [], defections: [], quotes: [], denials: [], events: [] };
  const width = Math.max(5, String(n).length);
  for (let i = 0; i < n; i++) {
    const arng = rng.fork(`article-${i}`);
    const published = new Date(start + Math.floor((i * spanDays) / n) * 86_400_000).toISOString().slice(0, 10);
    const file = `${String(i).padStart(width, '0')}_${arng.hex(16)}.txt`;
    const id = file.replace(/\.txt$/, '');
    const outlet = arng.pick(world.outlets);
    const curly = arng.chance(0.5);
    const style: Style = { open: curly ? '“' : '"', close: curly ? '”' : '"', apos: curly ? '’' : "'", sep: arng.chance(0.5) ? '\n\n' : '\n' };
    const country = arng.pick(world.home);
    const a = new Article(arng, world, id, published, outlet, country, style, spellingsUsed);
    const kind: StoryKind = arng.weighted<StoryKind>([['defection', 40], ['followup', 18], ['denial', 12], ['appointment', 14], ['dismissal', 8], ['roundup', 8]]);
    if (kind === 'defection') defectionStory(a, state);
    else if (kind === 'followup') followupStory(a, state);
    else if (kind === 'denial') denialStory(a);
    else if (kind === 'appointment') appointmentStory(a, state);
    else if (kind === 'dismissal') dismissalStory(a, state);
    else roundupStory(a, state);
    const text = a.text();
    for (const q of a.quotes) if (!text.includes(q.text)) throw new Error(`generator bug: quote not in ${file}: ${q.text}`);
    files.push({ file, text, published, outlet });
    manifest[file] = { published, outlet };
    planted.defections.push(...a.defections);
    planted.quotes.push(...a.quotes.map((q) => ({ ...q, text: trimEnd(q.text) === q.text ? q.text : trimEnd(q.text) })));
    planted.denials.push(...a.denials);
    planted.events.push(...a.events);
  }
  planted.people = world.people
    .filter((p) => spellingsUsed.has(p.id))
    .map((p) => {
      const name = `${p.given} ${p.family}`;
      return {
        id: p.id,
        name,
        spellings: [name, ...[...(spellingsUsed.get(p.id) ?? [])].filter((s) => s !== name)],
        role: p.role.title,
        age: p.age,
        hometown: p.hometown,
        loyalist: p.loyalist,
        defected: p.defected,
      };
    });
  return { files, manifest, planted };
}

/** Writes the articles, `manifest.json` and `planted.json` into `dir` (created if needed). */
export async function writeCorpus(dir: string, corpus: Corpus, opts: { planted?: boolean } = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of corpus.files) await writeFile(path.join(dir, f.file), f.text);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(corpus.manifest, null, 2) + '\n');
  if (opts.planted !== false) await writeFile(path.join(dir, 'planted.json'), JSON.stringify(corpus.planted, null, 2) + '\n');
}

/** The planted facts restricted to some articles (e.g. all but the one held back for a refresh). */
export function plantedFor(planted: Planted, articles: ReadonlySet<string>): Planted {
  return {
    ...planted,
    articles: articles.size,
    defections: planted.defections.filter((d) => articles.has(d.article)),
    quotes: planted.quotes.filter((q) => articles.has(q.article)),
    denials: planted.denials.filter((d) => articles.has(d.article)),
    events: planted.events.filter((e) => articles.has(e.article)),
  };
}
