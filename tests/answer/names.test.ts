// resolvePerson() and completeNames(): spellings, typos, roles, unknown names, autocomplete limits.
import { describe, expect, it } from 'vitest';
import { buildIndex, completeNames, resolvePerson } from '../../src/answer/index.js';
import type { FactTable } from '../../src/facts/schema.js';
import { TableBuilder } from './builder.js';
import { inventedTable, seedTable } from './fixtures.js';

const seed = buildIndex(seedTable());
const inv = buildIndex(inventedTable());

describe('resolvePerson on the seed-like table', () => {
  it.each([
    ['riyad-hijab', 'riyad-hijab'],
    ['Riyad Hijab', 'riyad-hijab'],
    ['hijab', 'riyad-hijab'],
    ['HIJAB', 'riyad-hijab'],
    ['Mr Hijab', 'riyad-hijab'],
    ['riyad hjab', 'riyad-hijab'],
    ['riad hijab', 'riyad-hijab'],
    ['husamedin', 'abdo-hussameddin'],
    ['hussameddin', 'abdo-hussameddin'],
    ['Abdo Husameddine', 'abdo-hussameddin'],
    ['abdo hussamedine', 'abdo-hussameddin'],
    ['fares', 'nawaf-al-fares'],
    ['Nawaf al Fares', 'nawaf-al-fares'],
    ['nawaf fares', 'nawaf-al-fares'],
    ['Dr Assad', 'bashar-al-assad'],
    ['assad', 'bashar-al-assad'],
    ['hafez assad', 'hafez-al-assad'],
    ['the ambassador to iraq', 'nawaf-al-fares'],
    ["Syria's ambassador to Iraq", 'nawaf-al-fares'],
    ['the prime minister', 'riyad-hijab'],
    ['deputy oil minister', 'abdo-hussameddin'],
    ['the oil minister', 'abdo-hussameddin'],
    ['the ambassador to sweden', 'bassam-imadi'],
    ['the former agriculture minister', 'riyad-hijab'],
  ])('%s -> %s', (q, id) => {
    const r = resolvePerson(seed, q);
    expect(r.person?.id).toBe(id);
    expect(r.suggestions).toEqual([]);
  });

  it.each(['Vladimir Putin', 'putin', 'Vladimir Hijab', 'Manaf Hijab', 'the ambassador to france', 'the foreign minister', 'xyz', '', '   ', '.*(', '[['])(
    'no confident match for %j',
    (q) => {
      expect(resolvePerson(seed, q).person).toBeNull();
    },
  );

  it('offers "did you mean" for a near miss without answering', () => {
    const r = resolvePerson(seed, 'hussam');
    expect(r.person).toBeNull();
    expect(r.suggestions.map((p) => p.id)).toContain('abdo-hussameddin');
  });

  it.each([
    ['the ambassador', ['bassam-imadi', 'nawaf-al-fares']],
    // "attorney general" ends in "general" too: only ever a suggestion, never an answer.
    ['the general', ['adnan-bakkour', 'manaf-tlas', 'mostafa-ahmad-al-sheik']],
    ['minister', ['abdo-hussameddin', 'riyad-hijab']],
  ])('a bare title held by several people (%s) gives suggestions', (q, ids) => {
    const r = resolvePerson(seed, q);
    expect(r.person).toBeNull();
    expect(r.suggestions.map((p) => p.id).sort()).toEqual(ids);
  });

  it('an ambiguous role gives suggestions, not a guess', () => {
    const r = resolvePerson(seed, 'brigadier general');
    expect(r.person).toBeNull();
    expect(r.suggestions.map((p) => p.id).sort()).toEqual(['manaf-tlas', 'mostafa-ahmad-al-sheik']);
  });
});

describe('resolvePerson on the invented table', () => {
  it.each([
    ['keszlar', 'tomas-keszler'],
    ['Tomas Keszlar', 'tomas-keszler'],
    ['keszler', 'tomas-keszler'],
    ['kesler', 'tomas-keszler'],
    ['orlov', 'piet-orlov'],
    ['General Orlov', 'piet-orlov'],
    ['marek orlov', 'marek-orlov'],
    ['marek', 'marek-orlov'],
    ['the army chief of staff', 'piet-orlov'],
    ['the defence minister', 'tomas-keszler'],
    ['government spokeswoman', 'anya-brandt'],
    ['President', 'lukas-renner'],
    ['the spokeswoman', 'anya-brandt'],
    ['the chief', 'piet-orlov'],
  ])('%s -> %s', (q, id) => {
    expect(resolvePerson(inv, q).person?.id).toBe(id);
  });
  it.each(['Piet Keszler', 'Ilse Orlov', 'Vladimir Putin'])('no mix-up of two people: %s', (q) => {
    expect(resolvePerson(inv, q).person).toBeNull();
  });
});

/** A table with many people, to test the autocomplete limits. */
function crowd(n: number, nameLength = 12): FactTable {
  const lines: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `Person${String(i).padStart(3, '0')} ${'X'.repeat(Math.max(1, nameLength - 10))}son`;
    names.push(name);
    lines.push(`${name} spoke.`);
  }
  const b = new TableBuilder([{ id: 'crowd', outlet: 'Test', published: '2030-01-01', text: lines.join('\n') }]);
  names.forEach((name, i) => b.person({ id: `p${i}`, name, aliases: [`Mr ${name.split(' ')[1] ?? ''}${i}`] }));
  if (names[0]) b.quote({ text: 'spoke', speaker: 'p0', speakerName: names[0], article: 'crowd' });
  return b.build();
}

describe('completeNames', () => {
  it.each([
    ['hij', ['Riyad Hijab', 'Hijab (Riyad Hijab)', 'Mr Hijab (Riyad Hijab)']],
    ['husa', ['Abdo Husameddine (Abdo Hussameddin)', 'Husameddine (Abdo Hussameddin)']],
    ['FARES', ['Fares (Nawaf al-Fares)', 'Mr Fares (Nawaf al-Fares)', 'Nawaf al-Fares']],
  ])('%s offers every spelling', (q, names) => {
    const got = completeNames(seed, q).map((c) => c.name);
    for (const n of names) expect(got).toContain(n);
  });

  it('values are person ids', () => {
    const got = completeNames(seed, 'hijab');
    expect(new Set(got.map((c) => c.value))).toEqual(new Set(['riyad-hijab']));
  });

  it('fuzzy fallback finds a misspelling', () => {
    expect(completeNames(seed, 'hussamedine').map((c) => c.value)).toContain('abdo-hussameddin');
  });

  it('speakersOnly keeps only people with quotes', () => {
    const got = completeNames(seed, '', { speakersOnly: true });
    const ids = new Set(got.map((c) => c.value));
    expect(ids.has('nawaf-al-fares')).toBe(true);
    expect(ids.has('manaf-tlas')).toBe(false);
    expect(ids.has('bashar-al-assad')).toBe(false);
  });

  it('unknown text gives no choices', () => {
    expect(completeNames(seed, 'qqqqqqq')).toEqual([]);
  });

  it.each([
    [{}, 25],
    [{ limit: 10 }, 10],
    [{ limit: 100 }, 25],
    [{ limit: 0 }, 0],
    [{ limit: -3 }, 0],
  ])('at most 25 choices (%j -> %i)', (opts, n) => {
    const big = buildIndex(crowd(60));
    expect(completeNames(big, '', opts)).toHaveLength(n);
    expect(completeNames(big, 'person', opts)).toHaveLength(n);
  });

  it('names are cut to 100 characters', () => {
    const long = buildIndex(crowd(3, 140));
    const got = completeNames(long, 'person');
    expect(got.length).toBeGreaterThan(0);
    for (const c of got) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(got.some((c) => c.name.endsWith('…'))).toBe(true);
  });

  it('speakersOnly on a crowd', () => {
    const big = buildIndex(crowd(30));
    expect(completeNames(big, '', { speakersOnly: true }).map((c) => c.value)).toEqual(['p0', 'p0']);
  });

  it.each(['', '.*(', '[[', '🙂', 'a'.repeat(6000)])('never throws on %j', (q) => {
    expect(() => completeNames(seed, q)).not.toThrow();
    expect(() => completeNames(inv, q, { speakersOnly: true })).not.toThrow();
  });
});
