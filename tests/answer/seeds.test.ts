// The example questions, answered from the REAL extraction of seeds/ (src/extract), plus a few
// more per intent. Failures here are either engine or extractor defects; none is worked around with
// seed-specific code.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, completeNames, resolvePerson, type AnswerIndex } from '../../src/answer/index.js';
import { extractFromDir } from '../../src/extract/index.js';
import { check, type Case } from './check.js';

const A0 = '000_3b4f70ffe2a1464c';
const A1 = '001_5cdcdb820694c054';
const A2 = '002_70af7e54198c2116';
const A3 = '003_1bd21216735112a5';
const A4 = '004_b9117ea132e15fa2';

let index: AnswerIndex;
beforeAll(async () => {
  index = buildIndex(await extractFromDir('seeds'));
}, 120_000);

const EXAMPLES: Case[] = [
  { q: 'When did Riyad Hijab defect?', has: ['6 August 2012', 'prime minister', 'Jordan'], cites: [A4] },
  { q: 'How old is Abdo Husameddine?', has: ['57 according to 000 (AFP)', '58 according to 001'], cites: [A0, A1] },
  { q: 'what did fares say to the military', has: ['Turn your guns on the criminals from this regime'], cites: [A3] },
  { q: 'Who defected in July 2012?', has: ['Nawaf al-Fares', 'ambassador to Iraq', '11 July 2012'], not: ['Hijab', 'Tlas'], cites: [A2, A3] },
  { q: 'When did Vladimir Putin defect?', has: ['do not say'], cites: [] },
];

const MORE: Case[] = [
  { q: 'when did husamedin defect', has: ['March 2012', 'deputy oil minister'], cites: [A0, A1] },
  { q: 'When did the ambassador to Iraq defect?', has: ['Nawaf al-Fares', '11 July 2012'], cites: [A2, A3] },
  { q: 'when did the prime minister defect', has: ['Riyad Hijab', '6 August 2012'], cites: [A4] },
  { q: 'how old is the deputy oil minister', has: ['57', '58'], cites: [A0, A1] },
  { q: 'Where is Fares from?', has: ['Deir al-Zor'], cites: [A2] },
  { q: 'Where did Tlas go?', has: ['Paris'], cites: [A3] },
  { q: 'Who helped Hussameddin?', has: ['the opposition'], cites: [A0] },
  { q: 'Who defected in January 2012?', has: ['Mostafa Ahmad al-Sheik', 'Air Force colonel'], not: ['Hijab'], cites: [A1] },
  { q: 'Which outlets?', has: ['AFP', 'Al Jazeera', 'Reuters'], cites: [A0, A1, A2, A3, A4] },
  { q: 'When did Bashar al-Assad defect?', has: ['do not report'], cites: [] },
  { q: 'What is the weather on Mars?', has: ['do not say'], cites: [] },
  { q: 'who fled to paris', has: ['Manaf Tlas'], cites: [A3] },
  { q: 'Who went to Jordan?', has: ['Riyad Hijab', '6 August 2012'], cites: [A4] },
  { q: 'Where is Hijab from?', has: ['Deir al-Zor'], cites: [A4] },
  { q: 'Who was the most senior official to defect?', has: ['most senior serving civilian official to defect'], cites: [A4] },
  { q: 'What was Hijab\'s role?', has: ['prime minister', 'agriculture minister'], cites: [A4] },
  { q: 'How old is Hijab?', has: ['do not give'], cites: [] },
  { q: 'what happened on 6 August 2012', has: ['Riyad Hijab defected as prime minister to Jordan'], cites: [A4] },
  { q: 'What happened in January 2012?', has: ['Mostafa Ahmad al-Sheik', 'colonel defected, in January 2012'], not: ['Hijab'], cites: [A1] },
  { q: 'What did Husameddine say to Assad?', has: ['You have inflicted on those you claim are your people'], cites: [A1] },
  { q: 'wen did hijab defect', has: ['6 August 2012'], cites: [A4] },
  { q: 'who is the president of syria', has: ['Bashar al-Assad', 'president'], not: ['no direct answer'], cites: [A0, A1, A3, A4] },
  { q: 'Did Hussameddin go underground?', has: ['had now gone underground'], cites: [A0] },
  { q: 'Who is Nawaf al-Fares?', has: ['ambassador to Iraq', '11 July 2012'], not: ['no direct answer'], cites: [A2, A3] },
];

describe('the issue examples on the real extraction', () => {
  it.each(EXAMPLES)('$q', (c) => check(index, c));
});

describe('more questions on the real extraction', () => {
  it.each(MORE)('$q', (c) => check(index, c));
});

describe('names on the real extraction', () => {
  it.each([
    ['husamedin', 'Husameddine'],
    ['hijab', 'Hijab'],
    ['the ambassador to iraq', 'Fares'],
    ['deputy oil minister', 'Husameddine'],
    ['Mr Tlas', 'Tlas'],
  ])('%s -> %s', (q, part) => {
    expect(resolvePerson(index, q).person?.name ?? '').toContain(part);
  });
  it('autocomplete stays inside Discord limits', () => {
    const all = completeNames(index, '');
    expect(all.length).toBeGreaterThan(0);
    expect(all.length).toBeLessThanOrEqual(25);
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});
