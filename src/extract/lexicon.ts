// Generic word lists for news text. Nothing here names a person, date or event of any article.

export const OUTLET_NAMES = [
  'Reuters', 'AFP', 'AP', 'Associated Press', 'Agence France-Presse', 'Al Jazeera', 'Al Arabiya', 'BBC', 'CNN',
  'The Guardian', 'The Independent', 'The Telegraph', 'The New York Times', 'The Washington Post', 'Bloomberg',
  'Xinhua', 'SANA', 'Anadolu', 'DPA', 'EFE', 'ANSA', 'Sky News', 'NPR', 'AAP',
];

/** Platforms and channels an announcement can be made on. */
export const PLATFORMS = [
  'YouTube', 'Facebook', 'Twitter', 'X', 'Instagram', 'Telegram', 'TikTok', 'Al Jazeera', 'Al Arabiya', 'BBC', 'CNN',
  'state television', 'state TV', 'television', 'radio', 'Reuters', 'AFP', 'AP',
];

/** Honorifics and military/civil titles written before a name; stripped from the name, kept as a role cue. */
export const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'sheikh', 'sheik', 'imam', 'rev', 'reverend',
  'president', 'premier', 'chancellor', 'king', 'queen', 'prince', 'princess', 'emir', 'sultan', 'pope',
  'gen', 'general', 'brig', 'brigadier', 'maj', 'major', 'col', 'colonel', 'lt', 'lieutenant', 'capt', 'captain',
  'sgt', 'sergeant', 'adm', 'admiral', 'marshal', 'commander', 'cmdr', 'gov', 'governor', 'sen', 'senator', 'rep',
  'judge', 'justice', 'minister', 'secretary', 'ambassador', 'envoy', 'mayor', 'chief', 'deputy', 'spokesman',
  'spokeswoman', 'engineer', 'eng', 'defence', 'defense', 'foreign', 'prime', 'state', 'vice', 'attorney',
]);

/** Head nouns of role titles ("deputy trade minister", "ambassador to Zenda", "attorney general"). */
export const ROLE_HEADS = new Set([
  'minister', 'ambassador', 'president', 'premier', 'envoy', 'diplomat', 'general', 'colonel', 'officer', 'commander',
  'brigadier', 'major', 'captain', 'lieutenant', 'governor', 'mayor', 'spokesman', 'spokeswoman', 'spokesperson',
  'secretary', 'chief', 'head', 'director', 'chairman', 'chairwoman', 'leader', 'official', 'adviser', 'advisor',
  'consul', 'attache', 'judge', 'prosecutor', 'attorney', 'lawmaker', 'mp', 'senator', 'deputy', 'member',
  'activist', 'analyst', 'engineer', 'soldier', 'pilot', 'figure', 'councillor', 'mufti', 'imam', 'editor',
  'correspondent', 'affaires', 'professor', 'researcher', 'negotiator', 'representative', 'speaker', 'king', 'emir',
]);

/** Words that, as the last word of a capitalised run, make it an organisation or place, not a person. */
export const NON_PERSON_HEADS = new Set([
  'army', 'force', 'forces', 'council', 'party', 'ministry', 'observatory', 'school', 'guard', 'government', 'regime',
  'press', 'university', 'nations', 'union', 'agency', 'committee', 'television', 'tv', 'news', 'times', 'post',
  'charter', 'league', 'front', 'brigade', 'brigades', 'movement', 'organisation', 'organization', 'group', 'bank',
  'court', 'parliament', 'assembly', 'congress', 'senate', 'office', 'department', 'state', 'states', 'kingdom',
  'republic', 'city', 'province', 'district', 'street', 'square', 'airport', 'hospital', 'embassy', 'economics',
  'rights', 'islam', 'muslim', 'muslims', 'community', 'sect', 'gulf', 'sea', 'river', 'valley', 'mountains',
  'international', 'watch', 'institute', 'foundation', 'centre', 'center', 'network', 'channel', 'service', 'services',
  'revolution', 'uprising', 'spring', 'war', 'campaign', 'plan', 'summit', 'conference', 'talks',
]);

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const MONTH_ABBR = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Religious or ethnic communities, for the religion/sect attribute. */
export const SECTS = [
  'Sunni', 'Shiite', 'Shia', "Shi'ite", 'Alawite', 'Christian', 'Druze', 'Ismaili', 'Kurd', 'Kurdish', 'Catholic',
  'Orthodox', 'Protestant', 'Jewish', 'Hindu', 'Buddhist', 'Sikh', 'Muslim', 'Coptic', 'Maronite', 'Yazidi',
];

/** Function words that may appear capitalised at a sentence start but never begin a name. */
export const NOT_NAME_WORDS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'this', 'that', 'these',
  'those', 'but', 'and', 'or', 'if', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'with', 'as', 'after', 'before',
  'unlike', 'like', 'meanwhile', 'also', 'according', 'however', 'when', 'while', 'since', 'there', 'here', 'then',
  'what', 'who', 'why', 'how', 'where', 'which', 'every', 'all', 'some', 'many', 'most', 'no', 'not', 'one', 'two',
  'please', 'get', 'later', 'earlier', 'separately', 'yesterday', 'today', 'tonight', 'now', 'instead', 'still', 'only', 'activists', 'civilian', 'political', 'western', 'eastern', 'northern', 'southern',
]);

/** Name particles kept inside names ("Karim al-Nouri", "Tarek al Miran", "Osama bin Laden"). */
export const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'abd', 'bint', 'ben', 'de', 'del', 'da', 'van', 'von', 'der', 'le', 'la', 'du']);

/** Masculine and feminine pronouns, for resolving "he said" to the right person. */
export const MALE_PRONOUNS = new Set(['he', 'him', 'his', 'himself']);
export const FEMALE_PRONOUNS = new Set(['she', 'her', 'hers', 'herself']);
export const FEMALE_HONORIFICS = new Set(['mrs', 'ms', 'miss', 'dame', 'queen', 'princess']);
export const MALE_HONORIFICS = new Set(['mr', 'sir', 'king', 'prince', 'sheikh', 'sheik']);
/** Nouns that say a person's sex when they describe a named person ("X, a spokeswoman for ..."). Words used
 * for either sex in news English ("spokesman", "chairman") are left out. */
export const FEMALE_NOUNS = new Set(['woman', 'spokeswoman', 'chairwoman', 'businesswoman', 'congresswoman', 'councilwoman', 'wife', 'widow', 'mother', 'daughter', 'sister', 'grandmother', 'actress', 'queen', 'princess']);
export const MALE_NOUNS = new Set(['man', 'businessman', 'husband', 'widower', 'father', 'son', 'brother', 'grandfather', 'actor', 'king', 'prince']);

/** Speech verbs for quote attribution. */
export const SPEECH_VERBS = [
  'said', 'says', 'say', 'added', 'adds', 'told', 'tells', 'wrote', 'writes', 'declared', 'declares', 'asked', 'asks',
  'stated', 'states', 'announced', 'announces', 'insisted', 'warned', 'urged', 'explained', 'noted', 'continued',
  'replied', 'answered', 'claimed', 'argued', 'tweeted', 'posted', 'commented', 'remarked',
];
/** The speech verbs, for looking one word up. */
export const SPEECH: ReadonlySet<string> = new Set(SPEECH_VERBS);
