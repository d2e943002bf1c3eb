// An invented country and people, written for this project: the extractor is not tuned to the seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FactTable } from '../../src/facts/schema.js';
import { extractFromDir } from '../../src/extract/index.js';

let table: FactTable;
beforeAll(async () => {
  table = await extractFromDir('tests/fixtures/invented');
});
const person = (alias: string) => table.people.find((p) => p.aliases.includes(alias));

describe('invented articles', () => {
  it('merges two spellings of one man and keeps both ages with their sources', () => {
    const teodor = person('Teodor Vaskhelis');
    expect(teodor).toBe(person('Teodor Vashkelis'));
    expect(teodor?.aliases).toContain('Mr Vashkelis');
    const ages = teodor!.attributes.filter((a) => a.kind === 'age').map((a) => [a.value, a.evidence.article]);
    expect(ages).toEqual([['49', '100_valdoria_minister'], ['50', '101_valdoria_general']]);
    expect(teodor!.attributes.find((a) => a.kind === 'origin')?.value).toBe('Brask');
  });

  it('finds the defections with date, role and channel, and not the denied one', () => {
    const defections = table.events.filter((e) => e.kind === 'defection');
    const who = defections.map((e) => table.people.find((p) => p.id === e.person)?.name);
    expect(who.sort()).toEqual(['Ilyan Morrow', 'Teodor Vashkelis']);
    const teodor = defections.find((e) => e.person === person('Teodor Vashkelis')?.id)!;
    expect([teodor.date?.value, teodor.role, teodor.announcedVia]).toEqual(['2021-04-05', 'deputy finance minister', 'video on YouTube']);
    const morrow = defections.find((e) => e.person === person('Ilyan Morrow')?.id)!;
    expect([morrow.date?.value, morrow.date?.qualifier]).toEqual(['2021-01', 'late']);
    expect(table.events.some((e) => e.person === person('Sabina Korrel')?.id && e.kind === 'defection')).toBe(false);
  });

  it('finds the flight, the appointment and the dismissal', () => {
    const kinds = table.events.map((e) => `${e.kind}:${table.people.find((p) => p.id === e.person)?.name}:${e.place ?? ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['flight:Teodor Vashkelis:Norland', 'appointment:Teodor Vashkelis:', 'dismissal:Ilyan Morrow:']));
  });

  it('attributes quotes, including "he said", "X wrote" and an addressee', () => {
    const bySpeaker = (name: string) => table.quotes.filter((q) => q.speakerName === name).map((q) => q.text);
    expect(bySpeaker('Teodor Vashkelis')).toContain('The regime will fall before winter. Every official who stays is complicit');
    expect(bySpeaker('Ilyan Morrow')).toEqual(['We were ordered to fire on our own people. I refused']);
    expect(table.quotes.find((q) => q.text.startsWith('lay down'))?.addressee).toBe('the police');
    expect(table.quotes.find((q) => q.text === 'gross misconduct')?.speakerName).toBe('The government');
  });
});
