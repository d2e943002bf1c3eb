import { describe, expect, it } from 'vitest';
import { extractTexts, personNamed } from './helpers.js';

describe('people: names, aliases and merging', () => {
  const table = extractTexts([
    { id: 'a', text: 'Ruritania\'s deputy trade minister Karel Vondrasek announced his resignation on Monday.\nMr Vondrasek said he had joined the opposition.\nPresident Milan Horak, whose late father President Jan Horak ruled for decades, was silent.\nVondrasek is from the city of Strelsau.' },
    { id: 'b', text: 'Karel Vondraseck, a 61-year-old lawyer, crossed into Zenda, officials said.\nDr Horak made no comment.\nThe Free Ruritanian Army said it welcomed the move.' },
  ]);
  const cases: Array<[string, string]> = [
    ['Karel Vondrasek', 'Karel Vondrasek'],
    ['Mr Vondrasek', 'Karel Vondrasek'],
    ['Vondrasek', 'Karel Vondrasek'],
    ['Karel Vondraseck', 'Karel Vondrasek'],
    ['Milan Horak', 'Milan Horak'],
    ['Dr Horak', 'Milan Horak'],
    ['Jan Horak', 'Jan Horak'],
  ];
  it.each(cases)('"%s" belongs to %s', (alias, name) => {
    expect(personNamed(table, alias)?.name).toBe(name);
  });
  it('keeps a father and son with one surname apart', () => {
    expect(personNamed(table, 'Jan Horak')?.id).not.toBe(personNamed(table, 'Milan Horak')?.id);
  });
  it.each([['Free Ruritanian Army'], ['Strelsau'], ['Zenda'], ['Monday']])('"%s" is not a person', (name) => {
    expect(table.people.some((p) => p.aliases.includes(name))).toBe(false);
  });
  it('a capitalised plural noun at a sentence start is not a person; a surname before "said" still is', () => {
    const t = extractTexts([{ text: 'Opening line of the report.\nDiplomats say the oil exports of Zenda have stopped.\nOfficials said Ana Voss had left.\nWitnesses said the border was closed.' }]);
    expect(t.people.map((p) => p.name)).toEqual(['Ana Voss']);
    // A family name that is also a plural noun stays a name when the article names the person in full.
    const u = extractTexts([{ text: 'Opening line of the report.\nTrade envoy Karim al-Wares resigned on Monday.\nWares said he would not return.' }]);
    expect(personNamed(u, 'Wares')?.name).toBe('Karim al-Wares');
  });
  it('reads an origin from "Name’s home province of X"', () => {
    const t = extractTexts([{ text: 'Opening line of the report.\nMr Voss’s home province of Kel Dara has been shelled for weeks.' }]);
    expect(personNamed(t, 'Mr Voss')?.attributes.find((a) => a.kind === 'origin')?.value).toBe('Kel Dara');
  });
  it('an outlet named in the manifest is not a person, even when it looks like a name', () => {
    const t = extractTexts([{ outlet: 'Kelsk Courier', text: 'Opening line of the report.\n"We will not return," Ana Voss told Kelsk Courier on Monday.\nKelsk Courier said it had seen the letter.' }]);
    expect(t.people.map((p) => p.name)).toEqual(['Ana Voss']);
  });
  it('reads an age written as "Name, 55,"', () => {
    const t = extractTexts([{ text: 'Opening line of the report.\nMaren Tulvik, 55, said she had left the ministry.' }]);
    expect(personNamed(t, 'Maren Tulvik')?.attributes.find((a) => a.kind === 'age')?.value).toBe('55');
  });
  it.each([
    ['a 46-year-old Sunni from the eastern province of Varna', 'Varna'],
    ['a lawyer from Kel Dara province', 'Kel Dara'],
    ['a former official from the Ministry of Oil', null],
    ['a defector from the army', null],
  ])('"Name, %s, ..." gives the origin %s', (appositive, origin) => {
    const t = extractTexts([{ text: `Opening line of the report.\nIvo Stanov, ${appositive}, was appointed in June.` }]);
    expect(personNamed(t, 'Ivo Stanov')?.attributes.find((a) => a.kind === 'origin')?.value ?? null).toBe(origin);
  });
  it('reads the role written before a name with "Dr." ("X\'s former health minister, Dr. Name,")', () => {
    const t = extractTexts([{ text: "Opening line of the report.\nZendan's former health minister, Dr. Leyla Okan, who resigned in March, appeared in a video." }]);
    expect(personNamed(t, 'Leyla Okan')?.roles.map((r) => [r.title, r.former])).toEqual([['health minister', true]]);
  });
  it('reads the appositive after an age: "Name, 61, a former governor of X,"', () => {
    const t = extractTexts([{ text: 'Opening line of the report.\nTomas Verlinde, 61, a former governor of Lurin province, said he had joined the opposition.' }]);
    const person = personNamed(t, 'Tomas Verlinde');
    expect(person?.attributes.find((a) => a.kind === 'age')?.value).toBe('61');
    expect(person?.roles.map((r) => [r.title, r.former])).toContainEqual([expect.stringMatching(/^governor of lurin/), true]);
  });
  it('records roles with evidence and the origin', () => {
    const karel = personNamed(table, 'Karel Vondrasek')!;
    expect(karel.roles.map((r) => r.title)).toContain('deputy trade minister');
    const origin = karel.attributes.find((a) => a.kind === 'origin');
    expect(origin?.value).toBe('Strelsau');
    expect(origin?.evidence.text).toContain('Strelsau');
    expect(karel.attributes.find((a) => a.kind === 'age')?.value).toBe('61');
  });
});

describe('people: capitalised titles with a portfolio or a nationality in them', () => {
  const table = extractTexts([
    {
      id: 'titles',
      text: 'Opening line of the report.\nDeputy Trade Minister Orel Vantic resigned on Monday.\nZendan President Karl Osric called him a traitor.\nOil Minister Lena Maris said she would stay.\nRuritanian Foreign Minister Ivo Brandt said nothing.\nPentagon Spokesman Tom Harlan declined to comment.\nArmy Chief of Staff Ali Ayyar was not seen.\nFree Zendan Army Colonel Riad Osman said the base had fallen. The Health Minister said nothing.',
    },
    {
      id: 'names',
      text: 'Opening line of the report.\nMartin Luther King Jr was quoted by the protesters.\nJohn Major met Finance Minister Nigel Lawson on Monday.\nMinister Ana Voss spoke last.',
    },
  ]);
  const cases: Array<[string, string, string | null]> = [
    // [alias written, the person's name, a role read from the title]
    ['Orel Vantic', 'Orel Vantic', 'deputy trade minister'],
    ['Karl Osric', 'Karl Osric', 'zendan president'],
    ['Lena Maris', 'Lena Maris', 'oil minister'],
    ['Ivo Brandt', 'Ivo Brandt', 'foreign minister'],
    ['Tom Harlan', 'Tom Harlan', 'pentagon spokesman'],
    ['Nigel Lawson', 'Nigel Lawson', 'finance minister'],
    ['Ali Ayyar', 'Ali Ayyar', 'army chief of staff'],
    ['Riad Osman', 'Riad Osman', 'free zendan army colonel'],
    // Not titles: a name may end in a word like "King" or "Major".
    ['Martin Luther King Jr', 'Martin Luther King Jr', null],
    ['John Major', 'John Major', null],
    ['Ana Voss', 'Ana Voss', 'minister'],
  ];
  it.each(cases)('"%s" is %s, with role %s', (alias, name, role) => {
    const person = personNamed(table, alias);
    expect(person?.name).toBe(name);
    if (role) expect(person?.roles.map((r) => r.title)).toContain(role);
    else expect(person?.roles).toEqual([]);
  });
  it.each([['Trade Minister Orel Vantic'], ['Zendan President Karl Osric'], ['Oil Minister Lena Maris'], ['Pentagon Spokesman Tom Harlan'], ['Jr'], ['Army Chief'], ['Staff Ali Ayyar'], ['Health Minister'], ['Free Zendan Army Colonel Riad Osman']])('"%s" is not a name', (alias) => {
    expect(table.people.some((p) => p.aliases.includes(alias) || p.name === alias)).toBe(false);
  });
});
