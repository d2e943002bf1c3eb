// Stage: roles and attributes. Titles written before a name ("deputy trade minister X"), appositives
// ("X, the attorney general of Y", "X, formerly agriculture minister"), "who was the ROLE until ...", and
// attributes: age, origin, religion/sect, family, party. Each fact keeps its evidence.
import type { AttributeFact, AttributeKind, RoleFact } from '../facts/schema.js';
import { groupBy } from './collections.js';
import { ROLE_HEADS, SECTS } from './lexicon.js';
import type { ArticleContext, SentenceContext } from './context.js';
import { evidenceOf } from './doc.js';
import type { Mention } from './people.js';
import type { Token } from './nlp.js';

export interface EntityFacts {
  roles: Array<RoleFact & { entity: string }>;
  attributes: Array<AttributeFact & { entity: string }>;
}

export type EntityRole = EntityFacts['roles'][number];

/** The corpus's roles by article and by holder, in corpus order, so events look up only what concerns them. */
export interface RoleIndex {
  ofArticle(article: string): readonly EntityRole[];
  ofEntity(entity: string): readonly EntityRole[];
}

export function indexRoles(facts: EntityFacts): RoleIndex {
  const byArticle = groupBy(facts.roles, (r) => r.evidence.article);
  const byEntity = groupBy(facts.roles, (r) => r.entity);
  return { ofArticle: (a) => byArticle.get(a) ?? [], ofEntity: (e) => byEntity.get(e) ?? [] };
}

const NOT_TITLE_HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'prof', 'rev']);
const TITLE_STOP = /^(a|an|the|and|or|who|which|that|has|had|have|is|was|were|are|said|says|told|in|on|at|with|by|for|from|since|after|before)$/;
const ROLEISH_TAGS = ['Noun', 'Adjective', 'Acronym', 'Honorific', 'Abbreviation'];
const ABBREVIATIONS: Record<string, string> = { brig: 'brigadier', gen: 'general', col: 'colonel', lt: 'lieutenant', maj: 'major', capt: 'captain', sgt: 'sergeant', adm: 'admiral', gov: 'governor', sen: 'senator' };
const SECT_RE = new RegExp(`\\b(${SECTS.map((s) => s.replace(/'/g, "['’]")).join('|')})s?\\b`);
const isPossessive = (t: Token) => /['’]s?$/.test(t.text);

/** "Ruritanian ambassador to Zenda" -> "ambassador to zenda"; "Brig. Gen." -> "brigadier general". */
export function normaliseTitle(surface: string): string {
  const words = surface
    .replace(/[“”"]/g, '')
    .split(/\s+/)
    .map((w) => w.replace(/\.$/, ''))
    .map((w) => ABBREVIATIONS[w.toLowerCase()] ?? w);
  while (words.length > 1 && /^(a|an|the|its|his|her|their|former|formerly|late|then|now|also|ex)$/i.test(words[0]!)) words.shift();
  // A leading nationality adjective ("Ruritanian ambassador") says little about the post.
  if (words.length > 1 && /^[A-Z][a-z]+(?:ian|ean|ese|ish|i)$/.test(words[0]!)) words.shift();
  return words.join(' ').toLowerCase().replace(/\bpremier\b/, 'prime minister').replace(/\s+(of|in|for)\s+(the\s+)?(central|eastern|western|northern|southern)?\s*(city|town|province) of\s+/, ' of ').trim();
}

/** The title written just before a name: the longest run of role words ending in a role head. */
function titleBefore(ctx: SentenceContext, m: Mention): { surface: string; start: number } | null {
  const tokens = ctx.sentence.tokens;
  let end = m.tokenStart;
  // Skip non-title honorifics ("Mr", "Dr") right before the name.
  while (end > 0 && NOT_TITLE_HONORIFICS.has(tokens[end - 1]!.lower.replace(/\.$/, ''))) end--;
  let last = tokens[end - 1];
  if (!last || /[,;:"“”]/.test(last.post)) return null;
  // "Secretary of State X", "Chief of Staff X": the head is the word before "of State".
  const titleEnd = last;
  if ((last.lower === 'state' || last.lower === 'staff') && tokens[end - 2]?.lower === 'of' && tokens[end - 3]) {
    last = tokens[end - 3]!;
    end -= 2;
  }
  const head = (ABBREVIATIONS[last.lower.replace(/\.$/, '')] ?? last.lower.replace(/\.$/, ''));
  if (!ROLE_HEADS.has(head) && !(last.tags.has('Honorific') && !NOT_TITLE_HONORIFICS.has(head))) return null;
  let start = end - 1;
  // Words the name finder took as the title ("Oil Minister X"): part of it whatever their tags.
  const titleFrom = m.honorific ? m.tokenStart - m.honorific.split(/\s+/).length : end;
  while (start > titleFrom) start--;
  while (start > 0 && end - start < 6) {
    const t = tokens[start - 1]!;
    if (isPossessive(t) || TITLE_STOP.test(t.lower) || t.lower === 'of' || t.lower === 'of' || /[,;:"“”()]/.test(t.post) || t.tags.has('Verb') || t.tags.has('Gerund')) break;
    if (!ROLEISH_TAGS.some((tag) => t.tags.has(tag)) && t.lower !== 'of') break;
    start--;
  }
  const from = tokens[start]!.start;
  return { surface: ctx.sentence.text.slice(from - ctx.sentence.start, titleEnd.end - ctx.sentence.start), start: from };
}

/**
 * The appositive after a name: "X, a senior general and personal friend of the president," (up to the next
 * comma), also after an age ("X, 61, a former governor of Y,").
 */
function appositiveAfter(ctx: SentenceContext, m: Mention): { text: string; start: number } | null {
  const rest = ctx.sentence.text.slice(m.end - ctx.sentence.start);
  const match = /^['’]?s?,\s+(?:\d{1,3},\s+)?((?:who (?:was|is|has been|had been) )?(?:(?:a|an|the|formerly|former|also)\s+)[^,;:“”"]+?)(?=\s*(?:[,;:“”"]|\.{2,}|\.\s|\.$|$))/.exec(rest);
  if (!match) return null;
  return { text: match[1]!, start: m.end + match.index + match[0].length - match[1]!.length };
}

function splitParts(text: string): string[] {
  return text.split(/\s+and\s+(?=(?:a|an|the|personal|close)\b)/);
}

function addAttribute(out: EntityFacts, entity: string, kind: AttributeKind, value: string, ctx: SentenceContext, article: ArticleContext) {
  const clean = value.trim().replace(/[.,;]+$/, '');
  if (!clean) return;
  if (out.attributes.some((a) => a.entity === entity && a.kind === kind && a.value.toLowerCase() === clean.toLowerCase() && a.evidence.article === article.doc.id)) return;
  out.attributes.push({ entity, kind, value: clean, evidence: evidenceOf(article.doc, ctx.sentence) });
}

function addRole(out: EntityFacts, entity: string, surface: string, former: boolean, ctx: SentenceContext, article: ArticleContext, start: number) {
  // "the late president", "former minister": a post the person no longer holds.
  former ||= /^(?:(?:a|an|the)\s+)?(?:late|former|formerly|ex-)\b/i.test(surface);
  const words = surface.split(/\s+/);
  const trimmed = words.slice(0, 9).join(' ').replace(/[.,;]+$/, '');
  const title = normaliseTitle(trimmed);
  if (!title || !title.split(' ').some((w) => ROLE_HEADS.has(w.replace(/^.*['’]/, '')) || w === 'general')) return;
  if (out.roles.some((r) => r.entity === entity && r.title === title && r.evidence.article === article.doc.id)) return;
  out.roles.push({ entity, title, surface: trimmed, former, evidence: evidenceOf(article.doc, ctx.sentence, start, start + trimmed.length) });
}

export function extractRolesAndAttributes(article: ArticleContext): EntityFacts {
  const out: EntityFacts = { roles: [], attributes: [] };
  for (const ctx of article.sentences) {
    const text = ctx.sentence.text;
    for (const m of ctx.mentions) {
      const before = titleBefore(ctx, m);
      if (before) {
        const prefix = text.slice(0, before.start - ctx.sentence.start);
        addRole(out, m.entity, before.surface, /\b(late|former|ex-)\s*$/i.test(prefix), ctx, article, before.start);
      }
      const appositive = appositiveAfter(ctx, m);
      if (appositive) {
        for (const part of splitParts(appositive.text)) {
          const former = /^(?:(?:a|an|the)\s+)?(who (was|had been)|formerly|former)\b/i.test(part) || /\buntil\b/.test(part);
          const body = part.replace(/^who (was|is|has been|had been)\s+/i, '').replace(/\s+(who|which|until|since)\b.*$/i, '');
          const start = appositive.start + appositive.text.indexOf(part);
          const age = /(\d{1,3})-year-old/.exec(body);
          if (age) addAttribute(out, m.entity, 'age', age[1]!, ctx, article);
          const family = /\b((?:father|mother|son|daughter|wife|husband|brother|sister|widow|nephew|niece|cousin)(?:-in-law)? of .+)$/i.exec(body);
          if (family) addAttribute(out, m.entity, 'family', family[1]!, ctx, article);
          const sect = SECT_RE.exec(body);
          if (sect && body.split(/\s+/).length <= 3) addAttribute(out, m.entity, 'religion', sect[1]!, ctx, article);
          // "a 46-year-old Sunni from the eastern province of Varna", "a lawyer from Varna province"
          const from = /\bfrom\s+(?:the\s+(?:[a-z]+\s+)?(?:province|town|city|village|region|governorate|district) of\s+([A-Z][\w'’-]*(?:\s+(?:al-|el-)?[A-Z][\w'’-]*)*)|([A-Z][\w'’-]*(?:\s+(?:al-|el-)?[A-Z][\w'’-]*)*)\s+(?:province|governorate))/.exec(body);
          if (from) addAttribute(out, m.entity, 'origin', from[1] ?? from[2]!, ctx, article);
          const friend = /\b((?:personal |close )?(?:friend|ally|aide|adviser|confidant) of .+)$/i.exec(body);
          if (friend) addAttribute(out, m.entity, 'affiliation', friend[1]!, ctx, article);
          else if (!age && !family) addRole(out, m.entity, body, former, ctx, article, start);
        }
      }
      // "Ruritania's top diplomat in Kelsk, Omar al-Zein, has quit" (also with "Dr." before the name)
      const lead = /(?:^|['’]s\s+|\bthe\s+|,\s+)((?:[a-z-]+\s+){0,3}([a-z'’]+)(?:\s+(?:in|to|of|for)\s+[A-Z][\w-]*)?),\s*(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?$/.exec(text.slice(0, m.start - ctx.sentence.start));
      if (lead && ROLE_HEADS.has(lead[2]!) && !ctx.mentions.some((o) => o !== m && o.end <= m.start && o.end > m.start - lead[0].length)) {
        addRole(out, m.entity, lead[1]!, false, ctx, article, m.start - lead[0].length + lead[0].indexOf(lead[1]!));
      }
      // "Mr Karimi's home province of Ras al-Ain"
      const home = /^['’]s?\s+(?:native |home )(?:province|town|city|village|region|country) of ((?:the\s+)?[A-Z][\w-]*(?:\s+(?:al-|el-)?[A-Z][\w-]*)*)/.exec(ctx.sentence.text.slice(m.end - ctx.sentence.start));
      if (home) addAttribute(out, m.entity, 'origin', home[1]!, ctx, article);
      // "Maren Tulvik, 55, said ..."
      const bareAge = /^,\s+(\d{1,3}),/.exec(ctx.sentence.text.slice(m.end - ctx.sentence.start));
      if (bareAge && Number(bareAge[1]) >= 16 && Number(bareAge[1]) <= 110) addAttribute(out, m.entity, 'age', bareAge[1]!, ctx, article);
      // "Petra Lind of the Brask Institute"
      const of = /^ of (the [A-Z][\w'’]*(?:\s+(?:of\s+)?[A-Z][\w'’]*)*)/.exec(text.slice(m.end - ctx.sentence.start));
      if (of) addAttribute(out, m.entity, 'affiliation', of[1]!, ctx, article);
    }
    const subject = ctx.subject;
    if (!subject) continue;
    // Attributes said of the sentence's subject, named or not ("The 57-year-old who is married and has four children").
    const age = /\b(?:the|a|an)\s+(\d{1,3})-year-old\b|\baged (\d{1,3})\b/i.exec(text);
    if (age) addAttribute(out, subject, 'age', age[1] ?? age[2]!, ctx, article);
    const children = /\b(is married|married with (?:\w+ )?children|has (?:\w+ )children|father of \w+|mother of \w+)/gi;
    for (const f of text.matchAll(children)) addAttribute(out, subject, 'family', f[1]!, ctx, article);
    const origin = /\b(?:is|was|comes|came|hails)\s+(?:originally\s+)?from\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:al-|el-)?[A-Za-z][\w'’-]*)*)|\b(?:is|was|comes|came|hails)\s+from\s+the\s+(?:[a-z]+\s+)?(?:province|town|city|village|region) of ([A-Z][\w-]*(?:\s+(?:al-)?[A-Z][\w-]*)*)|\bhome (?:province|town|city|village|region) of ((?:the\s+)?[A-Z][\w-]*(?:\s+(?:al-)?[A-Z][\w-]*)*)|\b(?:a native of|born in)\s+([A-Z][\w-]*(?:\s+(?:al-)?[A-Z][\w-]*)*)/.exec(text);
    if (origin) {
      const place = (origin[1] ?? origin[2] ?? origin[3] ?? origin[4] ?? '').replace(/\s+(?:which|who|where|the)\b.*$/, '');
      const sect = SECT_RE.exec(place);
      if (sect) addAttribute(out, subject, 'religion', sect[1]!, ctx, article);
      else if (place && !/['’]s$/.test(place)) addAttribute(out, subject, 'origin', place.replace(/,.*$/, ''), ctx, article);
    }
    const sectPredicate = new RegExp(`\\b(?:is|was|also|being)\\s+(?:also\\s+)?an?\\s+${SECT_RE.source}`).exec(text)
      ?? new RegExp(`,\\s+an?\\s+${SECT_RE.source}\\s+who\\b`).exec(text);
    if (sectPredicate) addAttribute(out, subject, 'religion', sectPredicate[1]!, ctx, article);
    const party = /\b(?:member|official|leader|head|secretary) of the (?:ruling |banned |opposition )?((?:[A-Z][\w-]*\s+)+party)\b|\bresign(?:ed|ing|ation)? from the (?:ruling )?((?:[A-Z][\w-]*\s+)+party)\b|\bdefection from the (?:ruling )?((?:[A-Z][\w-]*\s+)+party)\b/.exec(text);
    if (party) addAttribute(out, subject, 'party', (party[1] ?? party[2] ?? party[3]!).replace(/^[A-Z][a-z]+(?:ian|i|ese|ish)\s+/, ''), ctx, article);
  }
  // Possessive sect: "Haddad's minority Druze sect".
  for (const ctx of article.sentences) {
    for (const m of ctx.mentions) {
      const after = ctx.sentence.text.slice(m.end - ctx.sentence.start);
      const sect = new RegExp(`^['’]s?\\s+(?:own\\s+)?(?:minority\\s+|majority\\s+)?${SECT_RE.source}\\s+(?:sect|community|family|clan)`).exec(after);
      if (sect) addAttribute(out, m.entity, 'religion', sect[1]!, ctx, article);
    }
  }
  return out;
}
