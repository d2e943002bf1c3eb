// Kind of post from the words of a role ("ambassador to X" -> diplomatic, "brigadier general" -> military).
// Generic title words only: no name or fact of any article.

export const POST_KINDS = ['government', 'diplomatic', 'military', 'other'] as const;
export type PostKind = (typeof POST_KINDS)[number];

const DIPLOMATIC = [
  'ambassador', 'envoy', 'consul', 'consul general', 'diplomat', 'chargé', 'charge d affaires', 'attaché', 'attache',
  'embassy', 'mission to', 'delegate to', 'representative to', 'permanent representative', 'legation',
];

const MILITARY = [
  'general', 'brigadier', 'colonel', 'lieutenant', 'major', 'captain', 'commander', 'commandant', 'officer', 'soldier',
  'soldiers', 'sergeant', 'corporal', 'private', 'pilot', 'air force', 'airforce', 'army', 'navy', 'naval', 'admiral',
  'marine', 'marines', 'troops', 'battalion', 'brigade', 'division', 'regiment', 'military', 'infantry', 'guard',
  'guards', 'intelligence officer', 'field marshal', 'marshal', 'conscript', 'recruit', 'militia', 'defence forces',
  'defense forces', 'armed forces', 'warrant officer', 'commodore',
];

const GOVERNMENT = [
  'minister', 'ministers', 'ministry', 'prime minister', 'premier', 'president', 'vice president', 'vice-president',
  'deputy', 'secretary', 'governor', 'mayor', 'cabinet', 'government', 'official', 'officials', 'spokesman',
  'spokeswoman', 'spokesperson', 'parliament', 'parliamentarian', 'mp', 'member of parliament', 'lawmaker', 'senator',
  'speaker', 'chancellor', 'attorney general', 'prosecutor', 'judge', 'magistrate', 'advocate general', 'adviser',
  'advisor', 'counsellor', 'undersecretary', 'under-secretary', 'commissioner', 'director', 'head of', 'chief of staff',
  'administrator', 'civil servant', 'council', 'councillor', 'councilor', 'party', 'regime', 'state',
];

function words(role: string): string {
  return ` ${role.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

function has(text: string, list: readonly string[]): boolean {
  return list.some((w) => text.includes(` ${w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, ' ')} `));
}

/**
 * Kind of post of a role at the time of the event. Diplomatic first ("military attaché" is diplomatic),
 * then a civilian office that mentions an army only as its object ("minister of defence" is government, but
 * "defence minister" too), then military ranks and units, then government offices.
 */
export function classifyRole(role: string | null | undefined): PostKind {
  if (!role) return 'other';
  const t = words(role);
  if (t.trim() === '') return 'other';
  if (has(t, DIPLOMATIC)) return 'diplomatic';
  // "attorney general", "secretary general", "director general", "consul general", "governor general": the
  // word "general" there is not a rank.
  const civilianGeneral = /\b(attorney|secretary|director|procurator|solicitor|inspector|auditor|governor|postmaster|surgeon|advocate|registrar)s? general\b/.test(t);
  const t2 = civilianGeneral ? t.replace(/\bgeneral\b/g, ' ') : t;
  // A civilian head of a military ministry ("defence minister", "minister of defence") is government.
  if (/\b(minister|ministers|ministry|secretary)\b/.test(t2)) return 'government';
  if (has(t2, MILITARY)) return 'military';
  if (has(t2, GOVERNMENT) || civilianGeneral) return 'government';
  return 'other';
}
