// Stage: events. Defections (and resignations that are defections, desertions, "joined the ranks of the
// revolution"), appointments, dismissals and flights. Each trigger is checked for denial, hypotheticals and
// calls on others; its subject is found by possessive, adjacency, pronoun, the sentence subject, or a role
// ("Ruritania's ambassador to Zenda has defected"); date, destination, announcement channel and helpers follow.
import type { DateValue, EventKind } from '../facts/schema.js';
import { MONTHS, PLATFORMS, ROLE_HEADS, WEEKDAYS } from './lexicon.js';
import { pronounGender, recentSubjects, salient, type ArticleContext, type SentenceContext } from './context.js';
import { before as beforePublication, findDates, reportedBy, type DateMention } from './dates.js';
import { evidenceOf } from './doc.js';
import type { QuoteFact } from './quotes.js';
import { appendTo } from './collections.js';
import { normaliseTitle, type RoleIndex } from './roles.js';

export interface EventFact {
  kind: EventKind;
  entity: string | null;
  subject: string;
  role: string | null;
  date: DateValue | null;
  place: string | null;
  announcedVia: string | null;
  helpedBy: string[];
  evidence: ReturnType<typeof evidenceOf>;
}

/** Looks up who holds a title: this article first, then the whole corpus; null unless exactly one holder. */
export type RoleLookup = (title: string, article: string) => string | null;

interface Trigger {
  kind: EventKind;
  start: number; // offset in sentence text
  end: number;
  noun: boolean;
}

const TRIGGERS: Array<{ kind: EventKind; re: RegExp; noun?: boolean }> = [
  { kind: 'defection', re: /\b(?:defect(?:ed|s|ing)?|desert(?:ed|s|ing)?|bolt(?:ed)?|switched sides|(?:has |have |had )?(?:joined|joining|join) (?:the )?(?:ranks of the |ranks of )?(?:[\w-]+ ){0,3}?(?:revolution|opposition|rebels|uprising)|announc(?:ed|es|ing) (?:his|her|my) (?:resignation|defection)|quit(?:s|ting)? (?:the |his |her )?(?:[\w-]+ ){0,2}(?:government|regime|post|party|army|cabinet)|abandon(?:ed|s|ing)? (?:the )?(?:[\w-]+ ){0,2}(?:regime|government|army|president)|(?:broke|breaking|broken) (?:ranks )?with (?:the )?(?:[\w-]+ ){0,2}(?:regime|government)|turned against (?:the )?(?:regime|government|president)|switched (?:sides|allegiance)|sided with the (?:opposition|rebels|revolution)|resign(?:ed|s|ing)? in protest|(?:was |been )?granted (?:political )?asylum|(?:sought|seeking|requested|asked for) (?:political )?asylum)\b/gi },
  { kind: 'defection', re: /\b(?:defection|desertion)s?\b/gi, noun: true },
  { kind: 'appointment', re: /\b(?:appointed|named|promoted|nominated|sworn in as)\b/gi },
  { kind: 'dismissal', re: /\b(?:fired|dismissed|sacked|ousted|relieved of (?:his|her) duties|removed from (?:his|her) post)\b/gi },
  { kind: 'dismissal', re: /\b(?:dismissal|sacking|firing)\b/gi, noun: true },
  { kind: 'flight', re: /\b(?:fled|flee(?:s|ing)?|escaped|escaping|crossed (?:the border )?into|left the country)\b/gi },
];

const DENIAL = /\b(?:denied|denies|deny|denying|dismissed (?:reports|rumou?rs)|rumou?rs?|false reports?|refuted|not true)\b/i;
const NEGATION_NEAR = /\b(?:not|never|no|n't|cannot|refused to|would|could|might|may|will|should|if)\s+(?:\w+\s+){0,1}$/i;
const CALL_TO_OTHERS = /\b(?:urg(?:ed|es|ing)|call(?:ed|s|ing)? (?:on|upon)|appeal(?:ed|s)? to|ask(?:ed|s)?|encourag(?:ed|es)|want(?:s|ed)?|invite[sd]?|decision)\b[^.]{0,60}\bto\s+$/i;
const ORDINAL_TO = /\b(?:first|second|third|latest|last|highest|most senior|senior[\w\s-]*|ranking|only)\b[^,.]{0,50}\bto\s+$/i;
const MEDIA = /\b(video(?: statement)?|statement|interview|letter|announcement|audio recording|(?:Facebook|online|social media) post)\b/i;
const PLATFORM_RE = new RegExp(`\\b(${PLATFORMS.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`);
const DESCRIPTION_HEADS = new Set([...ROLE_HEADS, 'ministers', 'generals', 'officers', 'soldiers', 'diplomats', 'officials', 'colonels', 'ambassadors', 'pilots', 'lawmakers', 'troops']);

function triggersIn(text: string): Trigger[] {
  const out: Trigger[] = [];
  for (const { kind, re, noun } of TRIGGERS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (out.some((t) => m!.index < t.end && m!.index + m![0].length > t.start)) continue;
      out.push({ kind, start: m.index, end: m.index + m[0].length, noun: !!noun });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** False positives: denials, negated or hypothetical verbs, calls on others, generic plurals. */
function isReal(text: string, t: Trigger): boolean {
  const before = text.slice(0, t.start);
  const word = text.slice(t.start, t.end).toLowerCase();
  if (DENIAL.test(before)) return false;
  if (NEGATION_NEAR.test(before)) return false;
  // "urged others to defect" is a call, "the first diplomat to defect" and "decided to defect" are facts.
  if (/\bto\s+$/i.test(before) && !ORDINAL_TO.test(before)) {
    if (CALL_TO_OTHERS.test(before) || !/\b(?:decided|managed|chose|went on)\s+to\s+$/i.test(before)) return false;
  }
  if (t.kind === 'dismissal' && /^dismissed$/.test(word) && /^\s+as\b/i.test(text.slice(t.end))) return false;
  if (t.kind === 'appointment' && /^named$/.test(word) && !/^\s+(?:as\s+)?(?:the\s+)?[a-z]/.test(text.slice(t.end))) return false;
  return true;
}

function nearestMentionBefore(s: SentenceContext, offset: number, maxGap: number) {
  const abs = s.sentence.start + offset;
  const cands = s.mentions.filter((m) => m.end <= abs && abs - m.end <= maxGap);
  return cands.at(-1) ?? null;
}

/** Words from the start of the trigger's clause up to the trigger: "Ruritania's ambassador to Zenda has". */
function clauseBefore(text: string, start: number): string {
  const before = text.slice(0, start);
  const cut = Math.max(before.lastIndexOf(', '), before.search(/\b(?:said|says|reported|that)\s+(?=[^,]*$)/) >= 0 ? before.search(/\b(?:said|says|reported|that)\s+(?=[^,]*$)/) : -1);
  const clause = cut >= 0 ? before.slice(cut).replace(/^(?:,\s*|(?:said|says|reported|that)\s+)/, '') : before;
  return clause.replace(/\b(?:has|have|had|was|were|is|been|also|reportedly|now)\s*/gi, '').replace(/^(?:also\s+)?(?:in|on|last)\s+\w+,?\s*/i, '').trim();
}

/** "A Ruritanian air force colonel flew his jet to X and was": the words before the first verb of the clause. */
function leadingNounPhrase(s: SentenceContext, clause: string): string {
  const words = clause.split(/\s+/);
  if (words.length <= 7) return clause;
  const verbs = new Set(s.sentence.tokens.filter((t) => t.tags.has('Verb')).map((t) => t.lower));
  const at = words.findIndex((w, i) => i > 0 && verbs.has(w.toLowerCase().replace(/[^a-z'’-]/g, '')));
  return at > 0 ? words.slice(0, at).join(' ') : clause;
}

/** Whether the article gives `entity` a post with the same head word as `role`, or any diplomatic/military post. */
function mainHoldsPostLike(ctx: ArticleContext, entity: string, role: string): boolean {
  const head = role.split(' ').filter((w) => !/^(?:to|of|in|for|at)$/.test(w)).at(-1) ?? '';
  const family = /ambassador|envoy|diplomat|consul|charge|affaires/.test(role) ? /ambassador|envoy|diplomat|consul|charge|affaires/ : null;
  return rolesInArticle(ctx, entity).some((title) => title.split(' ').includes(head) || (family !== null && family.test(title)));
}

const rolesByArticle = new WeakMap<ArticleContext, Map<string, string[]>>();
function rolesInArticle(ctx: ArticleContext, entity: string): string[] {
  return rolesByArticle.get(ctx)?.get(entity) ?? [];
}

export function roleFromNP(np: string): string | null {
  const clean = np.replace(/^.*?['’]s?\s+/, '').replace(/^(?:the|a|an)\s+/i, '');
  const words = clean.split(/\s+/);
  if (words.length === 0 || words.length > 7) return null;
  if (!words.some((w) => DESCRIPTION_HEADS.has(w.toLowerCase().replace(/[^a-z]/g, '')))) return null;
  return normaliseTitle(clean);
}

interface Subject {
  entity: string | null;
  subject: string;
  role: string | null;
}

function subjectOf(ctx: ArticleContext, s: SentenceContext, t: Trigger, lookup: RoleLookup, speakerOf: (sentence: number) => string | null): Subject | null {
  const text = s.sentence.text;
  const before = text.slice(0, t.start);
  const after = text.slice(t.end);
  const name = (entity: string): Subject => ({ entity, subject: entity, role: null });
  // Inside a first-person quote ("announce my defection", "I have joined the ranks"): the speaker.
  const inQuote = (before.match(/[“"]/g)?.length ?? 0) % 2 === 1 || /^[“"]/.test(text);
  if (inQuote && /\b(?:I|my|we)\b/i.test(before.slice(-80) + text.slice(t.start, t.end))) {
    const speaker = speakerOf(s.sentence.index);
    return speaker ? name(speaker) : null;
  }
  if (t.noun) {
    // "Nouri's defection", "the defection of X", "defections, such as that of X", "his sacking"
    const poss = s.mentions.find((m) => {
      const gap = text.slice(m.end - s.sentence.start, t.start);
      return /^['’]s?\s+(?:[\w-]+\s+){0,2}$/.test(gap);
    });
    if (poss) return name(poss.entity);
    const of = /^,?\s+(?:such as |(?:follows|followed|after|like|mirrors|echoes)\s+)?(?:that )?of\s+/.exec(after);
    if (of) {
      const m = s.mentions.find((x) => x.start - s.sentence.start >= t.end + of[0].length - 1 && x.start - s.sentence.start <= t.end + of[0].length + 12);
      if (m) return name(m.entity);
      const np = /^(?:the\s+)?([^,.;]+)/.exec(after.slice(of[0].length));
      const role = np ? roleFromNP(np[1]!) : null;
      const holder = role ? lookup(role, ctx.doc.id) : null;
      if (holder) return { entity: holder, subject: holder, role };
      return null;
    }
    const pron = /\b(his|her)\s+(?:[\w-]+\s+)?$/i.exec(before);
    if (pron) {
      const e = resolve(pron[1]!);
      return e ? name(e) : null;
    }
    return null;
  }
  // "Mr Haddad appointed Mr Karimi ... as prime minister": the appointee follows an active verb.
  if ((t.kind === 'appointment' || t.kind === 'dismissal') && !t.noun && !/\b(?:was|were|is|been|be)\s+$/.test(before)) {
    const next = s.mentions.find((m) => m.start - s.sentence.start >= t.end && m.start - s.sentence.start - t.end < 20);
    if (next) return name(next.entity);
  }
  // "fleeing premier Omar Karimi": the participle describes the person after it.
  if (/ing$/i.test(text.slice(t.start, t.end))) {
    const next = s.mentions.find((m) => m.start - s.sentence.start > t.end && m.start - s.sentence.start - t.end < 25);
    if (next && !/^\s+(?:to|from|into|across)\b/.test(after)) return name(next.entity);
  }
  // "X, who defected in May": the relative clause's verb belongs to X, whatever the sentence is about.
  const relative = nearestMentionBefore(s, t.start, 40);
  if (relative && /^['’]?s?,?\s+who\s+(?:(?:had|has|have|was|also|then|later|reportedly)\s+)*$/.test(text.slice(relative.end - s.sentence.start, t.start))) {
    return name(relative.entity);
  }
  // "four children, who had fled": the relative clause belongs to a phrase that names no one.
  if (/,\s+who\s+(?:(?:had|has|have|was|were|also|then|later)\s+)*$/.test(before)) return null;
  const near = nearestMentionBefore(s, t.start, 22);
  if (near && !/\b(?:to|from|with|by|of)\s+\S*\s*$/.test(text.slice(0, near.start - s.sentence.start))) {
    const gap = text.slice(near.end - s.sentence.start, t.start);
    if (/^['’]?s?\s*(?:,[^,]*,\s*)?(?:(?:had|has|have|was|were|is|also|then|later|reportedly|not|been|to|helped?|help)\s+)*$/.test(gap)) return name(near.entity);
  }
  const pronoun = /\b(he|she)\s+(?:(?:had|has|have|was|is|also|then|later|reportedly|been|would)\s+)*$/i.exec(before);
  if (pronoun) {
    const e = resolve(pronoun[1]!, pronoun.index);
    if (e) return name(e);
  }
  if (s.subject) {
    const subjMention = s.mentions.find((m) => m.entity === s.subject);
    if (s.inferred || (subjMention && subjMention.start - s.sentence.start < t.start)) return name(s.subject);
  }
  const clause = leadingNounPhrase(s, clauseBefore(text, t.start));
  const role = roleFromNP(clause);
  if (role) {
    const holder = lookup(role, ctx.doc.id);
    if (holder) return { entity: holder, subject: holder, role };
    // A story's lead ("Zaria's top diplomat in Kelsk has defected") names its subject in the next sentences:
    // the article's main person, when they hold a post of that kind in the article.
    const main = ctx.main;
    if (t.kind === 'defection' && s.sentence.index <= 1 && main && mainHoldsPostLike(ctx, main, role)) return { entity: main, subject: main, role };
    // "The pilot has asked for asylum": a definite description later in the story points back to its main person.
    if (t.kind === 'defection' && /^the\s/i.test(clause) && main && s.sentence.index > 1) return { entity: main, subject: main, role: null };
    // An unnamed subject is kept only when it reads as one: not a comparison ("X (is) the latest official to").
    if (t.kind === 'defection' && clause.split(/\s+/).length <= 8 && !RANKED_AMONG.test(clause)) return { entity: null, subject: clause.replace(/^.*?['’]s\s+/, (m) => m), role };
  }
  // "... that he has defected": a pronoun with no antecedent refers to the main clause's role subject.
  if (/\bhe\b|\bshe\b/i.test(before)) {
    const lead = /^(?:[A-Z][\w’']*['’]s\s+)?([a-z][\w\s-]{2,50}?)\s+(?:announced|said|has|had|was|is)\b/.exec(text);
    const leadRole = lead ? roleFromNP(lead[1]!) : null;
    const holder = leadRole ? lookup(leadRole, ctx.doc.id) : null;
    if (holder) return { entity: holder, subject: holder, role: leadRole };
  }
  return null;

  function resolve(pronoun: string, at = t.start): string | null {
    const inSentence = s.mentions.filter((m) => m.end - s.sentence.start <= at).reverse().map((m) => m.entity);
    return salient([...inSentence, ...recentSubjects(ctx, s.sentence.index - 1)], pronounGender(pronoun), ctx.gender);
  }
}

const PLACE_NAME = String.raw`((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:al-)?[A-Z][\w'’-]*)*)`;
/** "crossed into X" carries its preposition in the trigger; otherwise one must follow ("fled to X"). */
const PLACE_RIGHT_AFTER = new RegExp(String.raw`^\s+${PLACE_NAME}`);
const PLACE_AFTER_PREPOSITION = new RegExp(String.raw`^\s+(?:(?:across the border|abroad|the country)\s+)?(?:to|into|for|in)\s+${PLACE_NAME}`);

/** "the latest official to", "the second minister to": a clause that ranks someone among defectors. */
const RANKED_AMONG = /\bthe\s+(?:latest|last|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|most\s+senior|highest[- ]ranking)\b.*\bto$/i;

/** Capitalised words after "in" or "to" that are not places: a time ("defected in January 2014"), a platform. */
const TIME_WORDS = new Set([...MONTHS, ...WEEKDAYS]);

function isPlace(candidate: string, kind: EventKind): boolean {
  if (TIME_WORDS.has(candidate.split(/\s+/)[0]!.toLowerCase())) return false;
  if (PLATFORM_RE.test(candidate)) return false;
  return !(kind === 'defection' && /^(?:Opposition|Revolution|Rebels|The)$/i.test(candidate));
}

function placeAfter(text: string, from: number, kind: EventKind): string | null {
  const m = (/into$/.test(text.slice(0, from)) ? PLACE_RIGHT_AFTER : PLACE_AFTER_PREPOSITION).exec(text.slice(from));
  if (!m) return null;
  const place = m[1]!.replace(/^the\s+/, '');
  return isPlace(place, kind) ? place : null;
}

export function extractEvents(ctx: ArticleContext, roles: RoleIndex, quotes: QuoteFact[], lookup: RoleLookup): EventFact[] {
  const own = new Map<string, string[]>();
  for (const r of roles.ofArticle(ctx.doc.id)) appendTo(own, r.entity, r.title);
  rolesByArticle.set(ctx, own);
  const published = ctx.doc.published;
  const speakerBySentence = new Map<number, string>();
  for (const q of quotes) if (q.entity) {
    for (const s of ctx.doc.sentences) if (s.start < q.evidence.end && s.end > q.evidence.start) speakerBySentence.set(s.index, q.entity);
  }
  const speakerOf = (i: number) => speakerBySentence.get(i) ?? null;
  const datesBySentence = new Map<number, DateMention[]>();
  for (const s of ctx.doc.sentences) datesBySentence.set(s.index, findDates(s.text, published));
  const found: Array<EventFact & { dated: boolean; order: number }> = [];
  for (const s of ctx.sentences) {
    if (s.sentence.heading) continue;
    const text = s.sentence.text;
    for (const t of triggersIn(text)) {
      if (!isReal(text, t)) continue;
      // A generic plural ("defections") counts only when it names examples: "defections, such as that of X".
      if (t.noun && /s$/i.test(text.slice(t.start, t.end)) && !/^,?\s+such as\b/.test(text.slice(t.end))) continue;
      const subject = subjectOf(ctx, s, t, lookup, speakerOf);
      if (!subject) continue;
      const dates = datesBySentence.get(s.sentence.index) ?? [];
      // The date nearest the trigger within its clause.
      const date = dates.slice().sort((a, b) => Math.abs(a.start - t.start) - Math.abs(b.start - t.start))[0]?.date ?? null;
      const role = subject.role ?? currentRole(roles, subject.entity, ctx.doc.id);
      found.push({
        kind: t.kind,
        entity: subject.entity,
        subject: subject.subject,
        role: t.kind === 'appointment' ? appointedRole(text, t.end) ?? role : role,
        date,
        place: t.kind === 'defection' || t.kind === 'flight' ? placeAfter(text, t.end, t.kind) : null,
        announcedVia: null,
        helpedBy: [],
        evidence: evidenceOf(ctx.doc, s.sentence),
        dated: !!date,
        order: s.sentence.index,
      });
    }
  }
  for (const s of ctx.sentences) {
    const prev = ctx.sentences[s.sentence.index - 1];
    const m = /^(?:The|the) (?:first|previous|other|last|earlier) (?:one )?(?:was|had been)\s+/.exec(s.sentence.text);
    const named = s.mentions[0];
    if (!m || !prev || !named || !found.some((e) => e.kind === 'defection' && e.order === prev.sentence.index)) continue;
    const dates = datesBySentence.get(s.sentence.index) ?? [];
    found.push({
      kind: 'defection', entity: named.entity, subject: named.entity, role: currentRole(roles, named.entity, ctx.doc.id) ?? lastRole(roles, named.entity),
      date: dates[0]?.date ?? null, place: null, announcedVia: null, helpedBy: [], evidence: evidenceOf(ctx.doc, s.sentence), dated: dates.length > 0, order: s.sentence.index,
    });
  }
  return mergeWithinArticle(ctx, found, datesBySentence, published);
}

function appointedRole(text: string, from: number): string | null {
  const m = /^\s+(?:[^,]*?,[^,]*,\s*)?(?:as\s+)?((?:the\s+)?(?:[a-z-]+\s+){0,3}(?:minister|ambassador|premier|envoy|general|governor|chief|head|director|commander|president|secretary|spokesman|official|attorney general)(?:\s+(?:of|to)\s+[A-Z][\w-]*)?)/.exec(text.slice(from));
  return m ? normaliseTitle(m[1]!) : null;
}

function lastRole(roles: RoleIndex, entity: string): string | null {
  return roles.ofEntity(entity).at(-1)?.title ?? null;
}

function currentRole(roles: RoleIndex, entity: string | null, article: string): string | null {
  if (!entity) return null;
  const mine = roles.ofEntity(entity).filter((r) => !r.former);
  const local = mine.filter((r) => r.evidence.article === article);
  const pick = (local.length ? local : mine).find((r) => /minister|ambassador|premier|general|colonel|envoy|governor|attorney|officer|diplomat|president/.test(r.title));
  return pick?.title ?? local[0]?.title ?? null;
}

/** One event per subject and kind per article: the dated mention wins as evidence, fields merge. */
function mergeWithinArticle(ctx: ArticleContext, found: Array<EventFact & { dated: boolean; order: number }>, dates: Map<number, DateMention[]>, published: string | null): EventFact[] {
  const groups = new Map<string, Array<EventFact & { dated: boolean; order: number }>>();
  for (const e of found) {
    const key = `${e.kind}|${e.entity ?? e.subject}`;
    appendTo(groups, key, e);
  }
  const out: EventFact[] = [];
  for (const group of groups.values()) {
    const first = group.find((e) => e.dated && e.date?.precision !== 'relative') ?? group[0]!;
    const event: EventFact = {
      kind: first.kind,
      entity: first.entity,
      subject: first.subject,
      role: group.find((e) => e.role)?.role ?? null,
      date: first.date,
      place: group.find((e) => e.place)?.place ?? null,
      announcedVia: null,
      helpedBy: [],
      evidence: first.evidence,
    };
    if (event.entity) enrich(ctx, event, dates);
    if (!event.date && published) {
      const text = group.map((e) => e.evidence.text).join(' ');
      // Mentioned as past ("unlike earlier defections", "since fleeing"): only known to be before publication.
      const past = /\b(?:earlier|previous|unlike|since (?:fleeing|defecting|deserting))\b/i.test(first.evidence.text);
      event.date = past ? beforePublication(published) : reportedBy(published);
    }
    out.push(event);
  }
  return out;
}

/** Announcement channel, helpers, destination and date found elsewhere in the article for the same person. */
function enrich(ctx: ArticleContext, event: EventFact, dates: Map<number, DateMention[]>): void {
  const main = ctx.main === event.entity;
  for (const s of ctx.sentences) {
    const text = s.sentence.text;
    const about = s.subject === event.entity || s.mentions.some((m) => m.entity === event.entity) || (main && !s.subject && /\b(?:he|she|his|her)\b/i.test(text));
    if (event.kind === 'defection' && !event.announcedVia && about && MEDIA.test(text)) {
      const platform = PLATFORM_RE.exec(text);
      const media = MEDIA.exec(text)!;
      if (platform) event.announcedVia = `${media[1]!.toLowerCase()} on ${platform[1]}`;
    }
    if ((event.kind === 'defection' || event.kind === 'flight') && !event.date && MEDIA.test(text) && (about || main)) {
      const d = dates.get(s.sentence.index)?.find((x) => x.date.precision === 'day');
      if (d) event.date = d.date;
    }
    if ((event.kind === 'defection' || event.kind === 'flight') && !event.place && about) {
      // "is in Norland", "secured his entry to Norland", "flew his jet to Norland" (not "was ambassador to Zenda").
      const m = /\b(?:is|was|arrived|arrival|entry|defected|crossed|sought refuge)\s+(?:\w+\s+){0,2}?(?:in|to|into)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)/.exec(text)
        ?? /\b(?:flew|fled|landed|escaped)\s+(?:[\w-]+\s+){0,4}?(?:to|into)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)/.exec(text);
      if (m && isPlace(m[1]!, 'defection')) event.place = m[1]!;
    }
    const help = /(?:^|,|\bthat\s+)\s*((?:the |his |her |their |a |an )?[\w\s'’-]{2,60}?)\s+(?:had |have |has )?helped\s+(?:to\s+)?(arrange|organi[sz]e|secure|[A-Z][\w\s]*?|him|her)\b/.exec(text);
    if (event.kind === 'defection' && help && (about || main)) {
      // "X, a commander, said his fighters had helped ...": the helpers are what follows the reporting verb.
      let helper = help[1]!.trim().replace(/^.*\bthat\s+/, '').replace(/^(?:.*\s)?(?:said|says|added|claimed)\s+/, '');
      const possessive = /^(his|her|their)\s+(.*)$/i.exec(helper);
      const owner = s.mentions.find((m) => m.entity !== event.entity && m.start - s.sentence.start < (help.index ?? 0) + 2);
      if (possessive && owner) helper = `${owner.entity}'s ${possessive[2]}`;
      const target = s.mentions.find((m) => m.start - s.sentence.start > (help.index ?? 0));
      if (!target || target.entity === event.entity || /^(arrange|organi[sz]e|secure)$/i.test(help[2]!)) {
        if (!event.helpedBy.includes(helper)) event.helpedBy.push(helper);
      }
    }
  }
}
