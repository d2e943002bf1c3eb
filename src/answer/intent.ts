// Question -> intent: what is asked (kind), about whom (the subject words left once the question's own
// words are removed), and modifiers (a date range, "about Y", "to Z"). Pure string work, no table.
import { findDateRange, MONTHS } from './dates.js';
import { normalize, STOP } from './text.js';

export type IntentKind =
  | 'articles'
  | 'defectors'
  | 'when'
  | 'age'
  | 'quote'
  | 'helped'
  | 'whereTo'
  | 'origin'
  | 'religion'
  | 'family'
  | 'appointment'
  | 'dismissal'
  | 'roles'
  | 'profile'
  | 'why'
  | 'unknown';

export interface Intent {
  kind: IntentKind;
  /** Subject words in their original casing, e.g. "Omar Karimi", "the ambassador to Zenda"; '' when none. */
  subject: string;
  /** Quote topic ("about Y"). */
  about: string | null;
  /** Quote addressee ("to Z", "tell Z"). */
  to: string | null;
  /** Inclusive ISO range asked about, with the words it came from. */
  range: { from: string; to: string } | null;
  /** A month named without a year ("who defected in July"), 1-12. */
  month: number | null;
  /** The question asks for a list ("who/which ... defected"), so the subject may be a filter, not a person. */
  list: boolean;
}

const DEFECT = /\b(defect\w*|desert\w*|resign\w*|quit|quits|quitting|bolt|bolted|turncoats?|switch(?:ed)? sides|join(?:ed|s)? the (?:opposition|revolution|rebels|rebellion|ranks|uprising)|abandon(?:ed)? the regime|broke (?:ranks|with)|turned against)\b/;
const FLEE = /\b(fle[ed]\w*|flight|escap\w*|left|leave|leaving|went|go|gone|goes|head(?:ed)?|travel\w*|run|ran|hiding|hide|hid|now|currently|live[sd]?|stay\w*)\b/;
const QUOTE = /\b(say|said|says|saying|tell|tells|told|quote[ds]?|quoting|urge[ds]?|urging|declare[ds]?|declaring|statements?|words|message|speak|spoke|call(?:ed)? (?:on|for|upon)|warn(?:ed|s)?|advise[ds]?|claim(?:ed|s)?|write|writes|wrote|written|add(?:ed|s)?)\b/;

/** Words that carry the question's form, never the subject's name. */
const INTENT_WORDS = new Set(
  (
    'defect defected defects defecting defection defections defector defectors desert deserted deserting desertion resign resigned resigning resignation quit quits quitting bolt bolted turncoat ' +
    'switch switched sides join joined joins opposition revolution rebels rebellion ranks uprising abandon abandoned broke turned against ' +
    'flee fled flees fleeing flight escape escaped escaping left leave leaving went go gone goes head headed travel travelled traveled run ran hiding hide hid now currently live lives lived stay stayed ' +
    'say said says saying tell tells told quote quotes quoted quoting urge urged urges urging declare declared declaring statement statements words message speak spoke call called warn warned advise advised claim claimed write writes wrote written add added adds ' +
    'help helped helps helping assist assisted assistance aid aided smuggle smuggled ' +
    'old age aged years year born birth ' +
    'come comes came from origin originally hometown home town province city native hail hails ' +
    'religion religious sect faith family married marriage children kids wife husband relatives ' +
    'appoint appointed appointment named became become ' +
    'fire fired dismiss dismissed dismissal sack sacked sacking relieved removed ousted ' +
    'role roles job position positions title titles post office rank ' +
    'profile info information about know tell details background ' +
    'date day time exactly happen happened announce announced announcement ' +
    'article articles source sources outlet outlets newspaper newspapers paper papers publication publications report reports reported ' +
    'list name names many number timeline else why reason reasons ' +
    'person people official officials anyone someone somebody everyone ministers diplomats generals officers ambassadors syrians leaders figures ' +
    'last recently recent today yesterday ago week month so far first'
  ).split(' '),
);

export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.map((w) => w.replace(/[.’']+$/g, '').replace(/['’]s$/i, '')) ?? [];
}

/** The subject words of `text`: original casing, question/intent/stop words removed. */
export function subjectWords(text: string): string[] {
  return wordsOf(text).filter((w) => {
    const n = normalize(w);
    if (n === '') return false;
    return n.split(' ').some((p) => !STOP.has(p) && !INTENT_WORDS.has(p));
  });
}

function monthOnly(lower: string): number | null {
  const m = /\b(?:in|during|of|since|throughout)\s+(january|february|march|april|june|july|august|september|october|november|december)\b(?!\s*,?\s*\d)/.exec(lower);
  if (!m?.[1]) return null;
  return MONTHS.indexOf(m[1] as (typeof MONTHS)[number]) + 1;
}

function kindOf(lower: string): IntentKind {
  const where = /\bwhere\b|\b(?:which|what) (?:country|city|place)\b/.test(lower);
  if (/\b(?:which|what|who|list|show|how many)\b.*\b(?:outlets?|articles?|sources?|newspapers?|papers|publications?)\b/.test(lower)) return 'articles';
  if (/^\s*why\b/.test(lower)) return 'why';
  if (/\bhow old\b|\bage[ds]?\b|\byears? old\b|\bwhen was .* born\b/.test(lower)) return 'age';
  if (/\b(?:help|helped|helps|helping|assist\w*|aided|smuggl\w*)\b/.test(lower) && /\bwho\b|\bwhich\b|\bwhat\b|\bby whom\b|\bdid\b/.test(lower)) return 'helped';
  if (/^\s*(?:please\s+)?tell me (?:more )?about\b/.test(lower)) return 'profile';
  const asksAttribute = /\b(?:from|born|home|origin|religion|religious|sect|faith|sunni|shia|shiite|alawite|christian|muslim|married|children|family|role|job|position)\b/.test(lower);
  if (/^\s*who\s*(?:is|was|'s)\b/.test(lower) && !QUOTE.test(lower) && !DEFECT.test(lower) && !asksAttribute) return 'profile';
  if (QUOTE.test(lower) && !/^\s*(?:who|which)\b[^?]*\b(?:defect|desert)/.test(lower)) return 'quote';
  if (where && /\bfrom\b|\bborn\b|\bhome\b|\bhails?\b|\borigin/.test(lower)) return 'origin';
  if (/\b(?:home ?town|home province|home city|origin|native of|comes? from|is from|was from|hails? from)\b/.test(lower)) return 'origin';
  if (where && (FLEE.test(lower) || DEFECT.test(lower))) return 'whereTo';
  if (/\b(?:religion|religious|sect|faith|sunni|shia|shiite|alawite|christian|muslim|druze)\b/.test(lower)) return 'religion';
  if (/\b(?:family|married|children|kids|wife|husband|relatives)\b/.test(lower)) return 'family';
  if (/\b(?:fired|dismiss(?:ed|al)?|sack(?:ed|ing)?|relieved of|ousted)\b/.test(lower)) return 'dismissal';
  if (/\b(?:appoint(?:ed|ment)?)\b/.test(lower)) return 'appointment';
  if (DEFECT.test(lower) || (/\bwhen\b/.test(lower) && /\bfle[de]\w*|\bescap\w*|\bleft\b|\bleave\b/.test(lower))) return 'when';
  if (/\b(?:role|job|position|title|post|rank)s?\b|\bwhat does .+ do\b/.test(lower)) return 'roles';
  if (/^\s*(?:who|what)\s*(?:is|was|are|were|'s|’s)\b|\bwho's\b|\btell me about\b|\bprofile\b|\bwhat do (?:you|we|the articles) know about\b|\binformation (?:on|about)\b/.test(lower)) return 'profile';
  return 'unknown';
}

/** Question words as people type them in chat ("wen did ...", "whos ..."). */
const QUESTION_TYPOS: Array<[RegExp, string]> = [
  [/^(?:wen|whn|wehn)\b/i, 'when'],
  [/^(?:wat|wht|waht)\b/i, 'what'],
  [/^(?:hw|hwo)\b/i, 'how'],
  [/^(?:wher|whre)\b/i, 'where'],
  [/^(?:whos|who's)\b/i, 'who is'],
];

export function parseIntent(question: string): Intent {
  let q = (typeof question === 'string' ? question : '').slice(0, 500).replace(/\s+/g, ' ').trim();
  for (const [typo, word] of QUESTION_TYPOS) q = q.replace(typo, word);
  const lower = q.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  let kind = kindOf(lower);
  const dateMention = findDateRange(q);
  const month = dateMention ? null : monthOnly(lower);
  let rest = q;
  if (dateMention) rest = rest.replace(dateMention.span, ' ');
  if (month !== null) rest = rest.replace(new RegExp(`\\b${MONTHS[month - 1] ?? ''}\\b`, 'i'), ' ');

  let about: string | null = null;
  let to: string | null = null;
  if (kind === 'quote') {
    const m = QUOTE.exec(rest.toLowerCase());
    if (m) {
      const before = rest.slice(0, m.index);
      const verb = m[0];
      let after = rest.slice(m.index + verb.length).trim().replace(/[?!.]+$/, '');
      const aboutM = /\b(?:about|regarding|concerning|on the subject of)\s+(.+)$/i.exec(after);
      if (aboutM?.[1]) {
        about = aboutM[1].trim();
        after = after.slice(0, aboutM.index).trim();
      }
      const toM = /^(?:to|at|toward|towards)\s+(.+)$/i.exec(after);
      if (toM?.[1]) to = toM[1].trim().replace(/\s+to\s+(?:do|say|act)$/i, '');
      else if (/^(tell|tells|told|urge[ds]?|urging|warn(?:ed|s)?|advise[ds]?|call(?:ed)? (?:on|upon))$/i.test(verb) && after) {
        to = after.replace(/\s+to\s+(?:do|say|act)$/i, '');
      }
      // "in the video", "on Facebook", "when he defected": how or when it was said, not a topic.
      else if (after && !about && !/^(?:on|in|at|during|via|through|when|after|before|while|from|then|today|yesterday)\b/i.test(after)) about = after;
      rest = before;
      if (subjectWords(before).length === 0 && /^\s*(?:who|which)\b/i.test(q)) {
        // "who said X" / "who told the army ...": all the words after the verb are the topic.
        about = rest.length < q.length ? q.slice(q.toLowerCase().indexOf(verb, before.length) + verb.length).replace(/[?!.]+$/, '').trim() || null : null;
        to = null;
      }
      if (about !== null && subjectWords(about).length === 0) about = null;
      if (to !== null && subjectWords(to).length === 0) to = null;
    }
  }
  const subject = subjectWords(rest).join(' ');
  if (kind === 'when' && subject === '') kind = 'defectors';
  if (kind === 'unknown' && subject === '' && (dateMention || month !== null) && /\bdefect|\bdesert/.test(lower)) kind = 'defectors';
  return {
    kind,
    subject,
    about,
    to,
    range: dateMention ? { from: dateMention.from, to: dateMention.to } : null,
    month,
    list: /^\s*(?:who|which|what|how many|list|name|show)\b/.test(lower),
  };
}
