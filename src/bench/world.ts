// An invented world for generated news: countries, cities, outlets and people built from syllables, so
// nothing here is a real story's name. Deterministic from the Rng it is given.
import { Rng } from './random.js';

export interface Country {
  name: string;
  demonym: string;
  capital: string;
  cities: string[];
  provinces: string[];
}

export type Gender = 'm' | 'f';

export interface Role {
  /** Lower-case title, as the extractor normalises it: "deputy oil minister", "ambassador to norvia". */
  title: string;
  /** As written in running text: "deputy oil minister", "ambassador to Norvia". */
  text: string;
  /** Title written before the name, if any: "General", "Colonel". */
  honorific: string | null;
  military: boolean;
}

export interface WorldPerson {
  id: string;
  given: string;
  family: string;
  /** Other spellings of the family name seen across articles (doubled letter, final "e"). */
  variants: string[];
  gender: Gender;
  age: number;
  hometown: string;
  country: Country;
  role: Role;
  /** Defection date (ISO day) once the person has defected. */
  defected: string | null;
  /** Loyalists never defect: they are the subjects of denials, spokesmen and appointees. */
  loyalist: boolean;
}

const ROOTS = ['Valdor', 'Kesm', 'Tarv', 'Ostrel', 'Brenn', 'Quell', 'Morv', 'Zarn', 'Lusk', 'Ebron', 'Galv', 'Harn', 'Ister', 'Jorv', 'Krest', 'Merid', 'Norv', 'Pallad', 'Rodn', 'Selv', 'Tesin', 'Ulmar', 'Vintr', 'Wester'];
const COUNTRY_SUFFIX: ReadonlyArray<readonly [string, string]> = [['ia', 'ian'], ['ara', 'aran'], ['esh', 'eshi'], ['ovia', 'ovian'], ['istan', 'istani'], ['ea', 'ean']];
const CITY_START = ['Bra', 'Kel', 'Dor', 'Mes', 'Tal', 'Vor', 'Ash', 'Lin', 'Gar', 'Hol', 'Rin', 'Sar', 'Tem', 'Ust', 'Fen', 'Ost', 'Pel', 'Nar', 'Kor', 'Zel'];
const CITY_END = ['sk', 'grad', 'mont', 'haven', 'burg', 'ovo', 'ek', 'ara', 'ith', 'wick', 'stad', 'opol', 'ton', 'mere', 'ani'];

const GIVEN_M = ['Teodor', 'Aurel', 'Brann', 'Cassian', 'Dorin', 'Evran', 'Falko', 'Goran', 'Hadrin', 'Ivo', 'Jovan', 'Kasimir', 'Lazar', 'Miran', 'Nikolai', 'Oren', 'Pavel', 'Radek', 'Stelian', 'Tibor', 'Ulric', 'Vasco', 'Zoran', 'Anselm', 'Bertrand', 'Corvin', 'Damian', 'Emeric', 'Florin', 'Gideon', 'Horatio', 'Ilyan', 'Jarek', 'Konrad', 'Leontin', 'Marek', 'Nestor', 'Octavian', 'Petru', 'Rostam', 'Severin', 'Tomas', 'Valerian', 'Wendel', 'Adrian', 'Bogdan', 'Cyprian', 'Dragan', 'Eugen', 'Fabian', 'Gavril', 'Henrik', 'Ignas', 'Julian', 'Kristof', 'Lucian', 'Matthias', 'Norbert', 'Otto', 'Patrik', 'Quentin', 'Remus', 'Sandor', 'Tiberiu', 'Urban', 'Viktor', 'Yannick', 'Zeno', 'Arvid', 'Benedek', 'Casimir', 'Dezso', 'Elias', 'Ferenc', 'Gustav', 'Hugo', 'Imre', 'Janos', 'Kalman', 'Levente', 'Mihai', 'Nandor', 'Ovidiu', 'Pal', 'Rafael', 'Silvan', 'Teofil', 'Vilmos'];
const GIVEN_F = ['Sabina', 'Petra', 'Ilona', 'Mirela', 'Dana', 'Vesna', 'Alina', 'Teodora', 'Rada', 'Lena', 'Nadia', 'Corina', 'Elska', 'Greta', 'Irina', 'Jelena', 'Katrin', 'Livia', 'Marta', 'Noemi', 'Oriana', 'Roxana', 'Silvia', 'Tamara', 'Agata', 'Bianca', 'Celina', 'Dorina', 'Edina', 'Flavia', 'Gabriela', 'Hedda', 'Ingrid', 'Juliana', 'Klara', 'Larisa', 'Magda', 'Nora', 'Olga', 'Paula', 'Rozalia', 'Stela', 'Tereza', 'Ursula', 'Valeria', 'Zita'];
// Family names: onset (consonant + vowel + consonant cluster) + linking vowel + ending: over 250,000
// shapes, so even a 10,000-article world (about 16,000 people) needs no numbered or repeated names.
const ONSET_START = ['B', 'D', 'F', 'G', 'H', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'T', 'V', 'Z', 'Br', 'Dr', 'Gr', 'Kr', 'Tr', 'St'];
const ONSET_VOWEL = ['a', 'e', 'i', 'o', 'u'];
const ONSET_END = ['sh', 'r', 'l', 'n', 'sk', 'v', 'd', 'k', 'm', 'st', 'z'];
const FAMILY_MID = ['a', 'e', 'i', 'o', 'u', 'al', 'el', 'an', 'or', 'ur'];
const FAMILY_END = ['lis', 'ric', 'mond', 'vik', 'dan', 'dor', 'mek', 'stin', 'ral', 'ven', 'sen', 'rov', 'kin', 'tal', 'zar', 'nek', 'lov', 'mir', 'das', 'tes', 'kov', 'vic', 'nic', 'berg', 'holm'];

export const PORTFOLIOS = ['oil', 'finance', 'energy', 'transport', 'health', 'education', 'agriculture', 'interior', 'justice', 'trade', 'industry', 'information', 'defence', 'foreign', 'housing', 'water'];
const MINISTRY_OF: Record<string, string> = { interior: 'interior ministry', defence: 'defence ministry', foreign: 'foreign ministry', information: 'information ministry', justice: 'justice ministry' };

/** Outlet name shapes; every outlet in a corpus is invented from its world's places. */
const OUTLET_SHAPES = ['{country} Herald', '{city} Courier', 'The {city} Observer', '{country} Wire', '{city} Daily', 'Radio {city}', '{country} News Agency', 'The {city} Ledger'];

export interface World {
  countries: Country[];
  /** Countries whose governments lose officials; the others receive them. */
  home: Country[];
  outlets: string[];
  presidents: Map<string, string>;
  people: WorldPerson[];
  /** Generates one more person (unique family name) on demand. */
  newPerson(country: Country, opts?: { loyalist?: boolean; role?: Role; gender?: Gender }): WorldPerson;
  /** A name that no one in this world has, for "unknown person" questions. */
  strangerName(): string;
}

/** Spelling-insensitive key (doubled letters folded, final vowel dropped), to keep family names distinct. */
export function spellingKey(name: string): string {
  return name.toLowerCase().replace(/(.)\1+/g, '$1').replace(/(?<=..)[aeiouy]$/, '');
}

/** Spelling variants a wire desk might use: a doubled consonant, a final "e", or both. */
export function spellingVariants(family: string): string[] {
  const out: string[] = [];
  const m = /^(.*?[aeiou])([bcdfgklmnprstvz])(?=[aeiou])/i.exec(family.slice(1));
  if (m) {
    const at = 1 + m[0].length;
    out.push(family.slice(0, at) + family.charAt(at - 1) + family.slice(at));
  }
  if (/[bcdfgklmnprstvz]$/.test(family)) out.push(family + 'e');
  if (out.length === 2) out.push(out[0] + 'e');
  return out;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function makeWorld(rng: Rng, homeCount = 2): World {
  const roots = rng.shuffle(ROOTS);
  const usedCities = new Set<string>();
  const cityName = (): string => {
    for (let i = 0; i < 1000; i++) {
      const c = rng.pick(CITY_START) + rng.pick(CITY_END);
      if (!usedCities.has(c)) {
        usedCities.add(c);
        return c;
      }
    }
    throw new Error('ran out of city names');
  };
  const countries: Country[] = roots.slice(0, homeCount + 5).map((root) => {
    const [suffix, demonym] = rng.pick(COUNTRY_SUFFIX);
    const cities = Array.from({ length: 6 }, cityName);
    return { name: root + suffix, demonym: root + demonym, capital: cities[0]!, cities, provinces: Array.from({ length: 3 }, cityName) };
  });
  const home = countries.slice(0, homeCount);
  const outlets = [...new Set(Array.from({ length: 10 }, () => {
    const c = rng.pick(countries);
    return rng.pick(OUTLET_SHAPES).replace('{country}', c.name).replace('{city}', rng.pick(c.cities));
  }))];
  const usedKeys = new Set<string>();
  const usedFamilies: string[] = [];
  const familyName = (): string => {
    for (let i = 0; i < 200; i++) {
      const f = rng.pick(ONSET_START) + rng.pick(ONSET_VOWEL) + rng.pick(ONSET_END) + rng.pick(FAMILY_MID) + rng.pick(FAMILY_END);
      const key = spellingKey(f);
      if (usedKeys.has(key)) continue;
      usedKeys.add(key);
      usedFamilies.push(f);
      return f;
    }
    throw new Error(`the family-name space is exhausted after ${usedFamilies.length} names`);
  };
  const presidents = new Map<string, string>();
  const people: WorldPerson[] = [];
  const roleFor = (country: Country, loyalist: boolean): Role => {
    const other = rng.pick(countries.filter((c) => c !== country));
    const kind = rng.weighted<string>([['deputy', 4], ['minister', 3], ['ambassador', 3], ['general', 2], ['colonel', 2], ['governor', 1], ['attorney', 1], ['consul', 1], ['mp', 1]]);
    const portfolio = rng.pick(PORTFOLIOS);
    switch (kind) {
      case 'deputy':
        return { title: `deputy ${portfolio} minister`, text: `deputy ${portfolio} minister`, honorific: null, military: false };
      case 'minister':
        return { title: `${portfolio} minister`, text: `${portfolio} minister`, honorific: null, military: false };
      case 'ambassador':
        return { title: `ambassador to ${other.name.toLowerCase()}`, text: `ambassador to ${other.name}`, honorific: null, military: false };
      case 'general':
        return { title: 'general', text: loyalist ? 'army chief of staff' : `commander of the ${rng.pick(['first', 'second', 'third', 'fourth', 'fifth', 'seventh', 'ninth'])} division`, honorific: 'General', military: true };
      case 'colonel':
        return { title: 'colonel', text: `air force colonel`, honorific: 'Colonel', military: true };
      case 'governor': {
        const p = rng.pick(country.provinces);
        return { title: `governor of ${p.toLowerCase()}`, text: `governor of ${p}`, honorific: null, military: false };
      }
      case 'attorney': {
        const c = rng.pick(country.cities);
        return { title: `attorney general of ${c.toLowerCase()}`, text: `attorney general of ${c}`, honorific: null, military: false };
      }
      case 'consul': {
        const c = rng.pick(other.cities);
        return { title: `consul in ${c.toLowerCase()}`, text: `consul in ${c}`, honorific: null, military: false };
      }
      default: {
        const c = rng.pick(country.cities);
        return { title: 'member of parliament', text: `member of parliament for ${c}`, honorific: null, military: false };
      }
    }
  };
  const newPerson: World['newPerson'] = (country, opts = {}) => {
    const gender: Gender = opts.gender ?? (rng.chance(0.22) ? 'f' : 'm');
    const family = familyName();
    const loyalist = opts.loyalist ?? false;
    const person: WorldPerson = {
      id: `p${people.length + 1}`,
      given: rng.pick(gender === 'f' ? GIVEN_F : GIVEN_M),
      family,
      variants: spellingVariants(family),
      gender,
      age: rng.int(34, 71),
      hometown: rng.pick(country.cities),
      country,
      role: opts.role ?? roleFor(country, loyalist),
      defected: null,
      loyalist,
    };
    people.push(person);
    return person;
  };
  for (const c of home) {
    const p = newPerson(c, { loyalist: true, gender: 'm', role: { title: 'president', text: 'president', honorific: 'President', military: false } });
    presidents.set(c.name, `${p.given} ${p.family}`);
  }
  const strangerSyllables = ['Qu', 'Xe', 'Zy', 'Oph', 'Wix', 'Yul', 'Ebb', 'Ith'];
  let strangers = 0;
  const strangerName = (): string => {
    strangers++;
    const given = capital(rng.pick(strangerSyllables).toLowerCase() + rng.pick(['andro', 'elio', 'ustin', 'ombe']));
    return `${given} ${rng.pick(strangerSyllables)}${rng.pick(['ffley', 'rnwick', 'thorpe', 'mbury'])}${strangers > 30 ? strangers : ''}`;
  };
  return { countries, home, outlets, presidents, people, newPerson, strangerName };
}

export function ministryOf(role: Role, country: Country): string {
  const portfolio = PORTFOLIOS.find((p) => role.title.includes(`${p} minister`));
  if (portfolio) return MINISTRY_OF[portfolio] ?? `${portfolio} ministry`;
  if (role.military) return 'army command';
  if (role.title.startsWith('ambassador') || role.title.startsWith('consul')) return 'foreign ministry';
  return `government in ${country.capital}`;
}
