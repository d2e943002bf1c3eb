import { describe, expect, it } from 'vitest';
import { extractTexts } from './helpers.js';

const LEAD = 'Opening sentence about the capital.\n';
// [sentence(s), expected defection subject name or null for none]
const defections: Array<[string, string | null]> = [
  ['Deputy health minister Olga Brenner has defected to the opposition.', 'Olga Brenner'],
  ['General Tomas Ruell deserted on Friday, officers said.', 'Tomas Ruell'],
  ['Olga Brenner said she had joined the ranks of the revolution.', 'Olga Brenner'],
  ['Officials denied reports that Olga Brenner had defected.', null],
  ['Olga Brenner denied that she had defected.', null],
  ['Olga Brenner urged officers to defect.', null],
  ['Olga Brenner did not defect, her office said.', null],
  ['More defections would follow, Olga Brenner said.', null],
  ['Unlike earlier defections, such as that of Tomas Ruell, this one was public.', 'Tomas Ruell'],
  ['Olga Brenner is the second minister to quit the government. The first was Tomas Ruell, who was minister of mines until May.', 'Tomas Ruell'],
  ['President Anna Kroll named Jonas Weber to replace Tomas Ruell, who defected in May.', 'Tomas Ruell'],
];

// A comparison that ranks someone among defectors is not an unnamed defector of its own.
const notSubjects: string[] = [
  // A surname shaped like a nationality is not read as a name on its own, so the clause is all there is.
  'Deputy water minister Dorin Vasevic has defected.\nVasevic is the latest senior official to defect since March.',
  'Deputy water minister Dorin Vasevic has defected.\nMr Kovic is the second senior official to defect this month.',
];

// "“...,” said X, who ..." makes X the one a following "the 35-year-old" or "he" refers to, not whoever was
// the subject before.
const AFTER_QUOTE = [
  'Deputy health minister Imre Stesko has defected to the opposition.',
  'Marek Sollen has blamed the unrest on foreign-backed gangs.',
  '"This is the end of a regime that lives on lies," said Stesko, who was appointed deputy health minister in 2012.',
  'The 35-year-old fled to Norland with his family.',
  'He is the fifth senior official to defect since Tomas Ruell, the mines minister, defected in May.',
].join('\n');

describe('events: defections and their false positives', () => {
  it('a "he" after a sentence quoting a named speaker is that speaker', () => {
    const table = extractTexts([{ text: LEAD + AFTER_QUOTE }]);
    const named = (id: string | null) => table.people.find((p) => p.id === id)?.name;
    expect(table.events.filter((e) => e.kind === 'defection').map((e) => named(e.person)).sort()).toEqual(['Imre Stesko', 'Tomas Ruell']);
    expect(table.people.find((p) => p.name === 'Imre Stesko')?.attributes.filter((a) => a.kind === 'age').map((a) => a.value)).toEqual(['35']);
  });


  it.each(defections)('%s', (text, who) => {
    const table = extractTexts([{ text: LEAD + text }]);
    const names = table.events.filter((e) => e.kind === 'defection').map((e) => table.people.find((p) => p.id === e.person)?.name ?? e.subject);
    if (who === null) expect(names).toEqual([]);
    else expect(names).toContain(who);
  });

  it.each(notSubjects)('no clause "the latest ... to" as a defector: %s', (text) => {
    const table = extractTexts([{ text: LEAD + text }]);
    const subjects = table.events.filter((e) => e.kind === 'defection').map((e) => table.people.find((p) => p.id === e.person)?.name ?? e.subject);
    expect(subjects.filter((s) => /\bto$|latest|second/.test(s))).toEqual([]);
    expect(subjects).toContain('Dorin Vasevic');
  });

  it('"X replaces Y, who defected" gives the defection to Y only', () => {
    const table = extractTexts([{ text: LEAD + 'Jonas Weber replaces Tomas Ruell, who defected in May, as mines minister.' }]);
    const names = table.events.filter((e) => e.kind === 'defection').map((e) => table.people.find((p) => p.id === e.person)?.name);
    expect(names).toEqual(['Tomas Ruell']);
  });

  it('resolves a role subject, the date, place, channel and helper', () => {
    const table = extractTexts([{
      published: '2020-05-14',
      text: 'Borduria\'s ambassador to Syldavia has defected, officials said.\n"I announce my resignation as ambassador to Syldavia," said Piotr Zamek in a video posted on YouTube on Tuesday.\nRebels said they had helped Mr Zamek flee to Syldavia.',
    }]);
    const event = table.events.find((e) => e.kind === 'defection');
    expect(table.people.find((p) => p.id === event?.person)?.name).toBe('Piotr Zamek');
    expect(event?.role).toBe('ambassador to syldavia');
    expect(event?.announcedVia).toBe('video on YouTube');
    expect(event?.date?.value).toBe('2020-05-12');
    const flight = table.events.find((e) => e.kind === 'flight');
    expect(flight?.place).toBe('Syldavia');
  });

  // [sentence, expected place of the defection or flight]: a time after "in" is never a place.
  const places: Array<[string, string | null]> = [
    ['Tomas Ruell, the former consul in Zenda who defected in January 2014, spoke on Monday.', null],
    ['General Tomas Ruell defected in March.', null],
    ['Olga Brenner defected on Friday and fled to Syldavia in June.', 'Syldavia'],
    ['General Tomas Ruell defected in Zenda on Tuesday.', 'Zenda'],
    ['Olga Brenner fled into Syldavia.', 'Syldavia'],
    ['Olga Brenner, who defected to the opposition in May, is in Zenda.', 'Zenda'],
  ];
  it.each(places)('place: %s', (text, place) => {
    const table = extractTexts([{ published: '2014-06-20', text: LEAD + text }]);
    const found = table.events.filter((e) => e.kind === 'defection' || e.kind === 'flight').map((e) => e.place);
    expect(found.length).toBeGreaterThan(0);
    if (place === null) expect(found.filter((p) => p !== null)).toEqual([]);
    else expect(found).toContain(place);
  });

  it('a commander who said his fighters helped: the helpers are the commander\'s fighters, not "said his fighters"', () => {
    const table = extractTexts([{ text: LEAD + 'Deputy mines minister Tomas Ruell has defected to the opposition.\nOlga Brenner, a commander of the rebel Free Zendan Brigades, said her fighters had helped Ruell reach the border.' }]);
    const event = table.events.find((e) => e.kind === 'defection');
    expect(event?.helpedBy).toEqual(["Olga Brenner's fighters"]);
  });

  it('finds appointments and dismissals with the right person', () => {
    const table = extractTexts([{ text: LEAD + 'President Anna Kroll appointed Jonas Weber, formerly transport minister, as prime minister in June.\nState television said Mr Weber had been fired.' }]);
    const person = (id: string | null) => table.people.find((p) => p.id === id)?.name;
    const appointment = table.events.find((e) => e.kind === 'appointment');
    expect(person(appointment!.person)).toBe('Jonas Weber');
    expect(appointment?.role).toBe('prime minister');
    // Published 14 May 2020: "in June" is the June before.
    expect(appointment?.date?.value).toBe('2019-06');
    expect(person(table.events.find((e) => e.kind === 'dismissal')!.person)).toBe('Jonas Weber');
  });

  it('every event cites a sentence of its article at valid offsets', () => {
    const table = extractTexts([{ text: LEAD + defections.map(([t]) => t).join('\n') }]);
    for (const e of table.events) {
      const article = table.articles.find((a) => a.id === e.evidence.article)!;
      expect(article.sentences[e.evidence.sentence]?.text).toBe(e.evidence.text);
      expect(article.text.slice(e.evidence.start, e.evidence.end)).toBe(e.evidence.text);
    }
  });
});

describe('events: other ways wire stories word a defection', () => {
  const text = `A Syrian fighter pilot defected to Jordan on Thursday, officials in Amman said.
Col. Hassan Hamada flew his jet to a Jordanian air base and was granted political asylum, the Jordanian government said.
Syria's top diplomat in London, Khaled al-Ayoubi, has quit his post, the Foreign Office said on Monday.
Lamia al-Hariri, the charge d'affaires in Cyprus, abandoned the regime last week, according to opposition sources.
Jihad Makdissi, the foreign ministry spokesman, left the country in early December, diplomats said. He denied that he had defected.
General Awad al-Ahmad resigned in protest at the shelling of the city.`;
  const table = extractTexts([{ text, published: '2012-07-31' }]);
  const defected = (name: string) => table.events.find((e) => e.kind === 'defection' && table.people.find((p) => p.id === e.person)?.name === name);
  it.each([['Hassan Hamada'], ['Khaled al-Ayoubi'], ['Lamia al-Hariri'], ['Awad al-Ahmad']])('%s defected', (name) => {
    expect(defected(name)).toBeDefined();
  });
  it('an unnamed subject keeps its description, and a denial stays a denial', () => {
    expect(table.events.find((e) => e.kind === 'defection' && e.person === null)?.subject).toBe('A Syrian fighter pilot');
    expect(defected('Jihad Makdissi')).toBeUndefined();
    expect(table.events.find((e) => e.kind === 'flight')?.date?.value).toBe('2011-12');
  });
  it('reads the role written before the name and in the appositive', () => {
    expect(defected('Khaled al-Ayoubi')?.role).toBe('top diplomat in london');
    expect(defected('Lamia al-Hariri')?.role).toBe("charge d'affaires in cyprus");
    expect(defected('Hassan Hamada')?.date?.qualifier).toBe('reported');
  });
});
