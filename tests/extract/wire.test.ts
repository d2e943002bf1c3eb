// Wire-style stories written for this project (invented people, real-world phrasing the seeds never use):
// a lead that names the post before the person, "Name, 44,", a definite "the pilot" later on, a relative clause
// about someone else ("four children, who had fled"), an organisation's partial quote, and a denial.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FactTable } from '../../src/facts/schema.js';
import { extractFromDir } from '../../src/extract/index.js';

let table: FactTable;
beforeAll(async () => {
  table = await extractFromDir('tests/fixtures/wire');
});
const person = (alias: string) => table.people.find((p) => p.aliases.includes(alias));
const defectors = () => table.events.filter((e) => e.kind === 'defection').map((e) => table.people.find((p) => p.id === e.person)?.name ?? e.subject);

describe('wire-style articles', () => {
  it('finds exactly the defections the stories report, each once', () => {
    expect(defectors().sort()).toEqual(['Darius Menet al-Korrani', 'Marwan al-Sabbagh', 'Tarek Mansour']);
  });

  it('resolves the lead sentence\'s post to the person named later, with date and destination', () => {
    const pilot = table.events.find((e) => e.kind === 'defection' && e.person === person('Darius Menet al-Korrani')?.id)!;
    expect([pilot.date?.value, pilot.place]).toEqual(['2012-06-21', 'Jordan']);
    const diplomat = table.events.find((e) => e.kind === 'defection' && e.person === person('Marwan al-Sabbagh')?.id)!;
    expect(diplomat.date?.value).toBe('2012-07-30');
  });

  it('reads "Name, 44, is from the province of X" and does not give the children\'s flight to him', () => {
    const korrani = person('Korrani')!;
    expect(korrani.attributes.filter((a) => a.kind === 'age' || a.kind === 'origin').map((a) => `${a.kind}=${a.value}`)).toEqual(['age=44', 'origin=Qasrin']);
    expect(table.events.some((e) => e.kind === 'flight' && e.person === korrani.id)).toBe(false);
  });

  it('keeps places, nationalities and air bases out of the people', () => {
    const names = table.people.map((p) => p.name);
    for (const notPerson of ['British', 'Talal', 'King Talal']) expect(names).not.toContain(notPerson);
  });

  it('gives an organisation\'s partial quote to the organisation, and quotes to their speakers', () => {
    const speaker = (start: string) => table.quotes.find((q) => q.text.startsWith(start))?.speakerName;
    expect(speaker('a traitor to his country')).toBe('Syrian state television');
    expect(speaker('The pilot has asked for asylum')).toBe('Rami al-Tawil');
    expect(speaker('no longer willing to represent')).toBe('Marwan al-Sabbagh');
  });
});
