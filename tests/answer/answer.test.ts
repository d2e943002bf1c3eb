// answer(): every intent on both fixture tables, as a table of questions and expected answers.
import { describe, expect, it } from 'vitest';
import { answer, buildIndex, type AnswerIndex } from '../../src/answer/index.js';
import { check, type Case } from './check.js';
import { A0, A1, A2, A3, A4, INV_A, INV_B, inventedTable, seedTable } from './fixtures.js';

const seed = buildIndex(seedTable());
const inv = buildIndex(inventedTable());

const SEED_CASES: Case[] = [
  // the examples
  { q: 'When did Riyad Hijab defect?', has: ['6 August 2012', 'prime minister', 'Jordan'], cites: [A4] },
  { q: 'How old is Abdo Husameddine?', has: ['57 according to 000 (AFP)', '58 according to 001 (AP)'], cites: [A0, A1] },
  { q: 'what did fares say to the military', has: ['Turn your guns on the criminals from this regime'], cites: [A3] },
  { q: 'Who defected in July 2012?', has: ['Nawaf al-Fares', 'ambassador to Iraq', '11 July 2012'], not: ['Hijab', 'Hussameddin', 'Tlas'], cites: [A2, A3] },
  { q: 'When did Vladimir Putin defect?', has: ['do not say'], not: ['defected on'], cites: [] },
  // spellings, case, typos
  { q: 'when did hijab defect', has: ['6 August 2012'], cites: [A4] },
  { q: 'When did Mr Hijab defect?', has: ['Riyad Hijab defected on 6 August 2012'], cites: [A4] },
  { q: 'when did husamedin defect', has: ['Abdo Hussameddin', '8 March 2012'], cites: [A0, A1] },
  { q: 'How old is Hussameddin?', has: ['57', '58'], cites: [A0, A1] },
  { q: 'how old is abdo husameddine', has: ['57 according to 000', '58 according to 001'], cites: [A0, A1] },
  { q: 'When did Riyad Hjab defect?', has: ['6 August 2012'], cites: [A4] },
  { q: 'When did Nawaf Fares defect?', has: ['11 July 2012'], cites: [A2, A3] },
  // roles
  { q: 'When did the ambassador to Iraq defect?', has: ['Nawaf al-Fares', '11 July 2012'], cites: [A2, A3] },
  { q: 'When did the prime minister defect?', has: ['Riyad Hijab', '6 August 2012'], cites: [A4] },
  { q: 'how old is the deputy oil minister', has: ['Abdo Hussameddin', '57', '58'], cites: [A0, A1] },
  { q: "When did Syria's ambassador to Sweden defect?", has: ['Bassam Imadi'], cites: [A2] },
  { q: 'When did the ambassador to France defect?', has: ['do not say'], not: ['Fares', 'Imadi'], cites: [] },
  // who defected, ranges
  { q: 'Who defected between March and August 2012?', has: ['Abdo Hussameddin', 'Nawaf al-Fares', 'Riyad Hijab'], not: ['Tlas', 'al-Sheik', 'Bakkour'], cites: [A0, A1, A2, A3, A4] },
  { q: 'who defected in 2012', has: ['al-Sheik', 'Air Force colonel', 'Riyad Hijab'], not: ['Bakkour', 'Tlas'], cites: [A0, A1, A2, A3, A4] },
  { q: 'who defected in january 2012?', has: ['Mostafa Ahmad al-Sheik', 'Turkey', 'Air Force colonel'], not: ['Hijab'], cites: [A1] },
  { q: 'Who defected in August 2012?', has: ['Riyad Hijab'], not: ['Bakkour'], cites: [A4] },
  { q: 'Who defected in 2015?', has: ['no defection in 2015'], cites: [] },
  { q: 'Which officials defected?', has: ['Bassam Imadi', 'Manaf Tlas', 'Adnan Bakkour', 'late August 2011'], cites: [A0, A1, A2, A3, A4] },
  { q: 'who defected since June 2012', has: ['Nawaf al-Fares', 'Riyad Hijab'], not: ['Hussameddin'], cites: [A2, A3, A4] },
  // list questions filtered by role, destination or channel
  { q: 'Which ambassador defected?', has: ['Bassam Imadi', 'Nawaf al-Fares'], not: ['Hijab'], cites: [A2, A3] },
  { q: 'Who defected to Jordan?', has: ['Riyad Hijab'], not: ['Fares', 'Tlas'], cites: [A4] },
  { q: 'Which officials defected to Turkey?', has: ['Mostafa Ahmad al-Sheik'], not: ['Hijab'], cites: [A1] },
  { q: 'Who announced a defection on YouTube?', has: ['Abdo Hussameddin'], not: ['Fares'], cites: [A0, A1] },
  { q: 'Which ambassador to France defected?', has: ['no defection matching'], cites: [] },
  { q: 'How many people defected?', has: ['8 defections'], cites: [A0, A1, A2, A3, A4] },
  // why: the table has facts, not motives
  { q: 'Why did Hijab defect?', has: ['does not record why', '6 August 2012'], cites: [A4] },
  { q: 'Why did Bashar al-Assad defect?', has: ['do not say'], cites: [] },
  // who is X
  { q: 'Who is Riyad Hijab?', has: ['prime minister', 'formerly agriculture minister', 'Jordan', 'Deir al-Zor', 'Sunni', 'Mr Hijab'], cites: [A4] },
  { q: 'who is the ambassador to iraq', has: ['Nawaf al-Fares', 'Deir al-Zor'], cites: [A2, A3] },
  { q: 'Tell me about Manaf Tlas', has: ['brigadier general', 'Paris'], cites: [A3] },
  { q: 'Who is Vladimir Putin?', has: ['do not say'], cites: [] },
  // quotes
  { q: 'What did Hijab say?', has: ['I announce today my defection'], cites: [A4] },
  { q: 'What did Husameddine say to the Alawite community?', has: ['I advise the Alawite community'], not: ['sinking ship'], cites: [A1] },
  { q: 'What did Hussameddin say about the sinking ship?', has: ['abandon this sinking ship'], cites: [A1] },
  { q: 'What did Fares say about football?', has: ['not saying anything about football'], cites: [] },
  { q: 'What did Hussameddin say about Russia?', has: ['partners in the killing of the Syrian people'], not: ['sinking ship'], cites: [A0] },
  { q: 'What did Hijab say on Al Jazeera?', has: ['I announce today my defection'], cites: [A4] },
  { q: 'What did Fares urge the army to do?', has: ['not saying anything to the army.'], cites: [] },
  { q: 'What did Manaf Tlas say?', has: ['do not quote Manaf Tlas'], cites: [] },
  { q: 'who said turn your guns on the criminals', has: ['Nawaf al-Fares', 'Turn your guns'], cites: [A3] },
  { q: 'What did the ambassador say?', has: ['could mean', 'Nawaf al-Fares', 'Bassam Imadi'], cites: [] },
  { q: 'What did Mrs Clinton say?', has: ['We do see momentum building'], cites: [A3] },
  { q: 'What did the government statement say?', has: ['relieved of his duties'], cites: [A3] },
  // where, origin, helpers, attributes, events
  { q: 'Where did Hijab go?', has: ['Jordan'], cites: [A4] },
  { q: 'Where did Tlas flee to?', has: ['Paris'], cites: [A3] },
  { q: 'Where is Fares from?', has: ['Deir al-Zor'], cites: [A2] },
  { q: 'Where does Nawaf al-Fares come from?', has: ['Deir al-Zor'], cites: [A2] },
  { q: 'Who is from Deir al-Zor?', has: ['From Deir al-Zor: Nawaf al-Fares', 'Riyad Hijab'], cites: [A2, A4] },
  { q: 'Which officials are Sunni?', has: ['Sunni: Nawaf al-Fares', 'Riyad Hijab'], cites: [A2, A4] },
  { q: 'Who is from Paris?', has: ['do not say'], cites: [] },
  { q: 'When did Hijab leave Syria?', has: ['6 August 2012'], cites: [A4] },
  { q: 'Where did Hussameddin go?', has: ['do not say where Abdo Hussameddin went'], cites: [] },
  { q: 'Who helped Riyad Hijab?', has: ['Free Syrian Army fighters'], cites: [A4] },
  { q: 'who helped hussameddin defect', has: ['the opposition'], cites: [A0] },
  { q: 'Who helped Fares?', has: ['do not say who helped Nawaf al-Fares'], cites: [] },
  { q: 'What religion is Fares?', has: ['Sunni'], cites: [A2] },
  { q: 'Is Hussameddin married?', has: ['married, four children'], cites: [A0] },
  { q: 'When was Hijab appointed?', has: ['June 2012'], cites: [A4] },
  { q: 'Was Hijab fired?', has: ['dismissed'], cites: [A4] },
  { q: 'What was the job of Bassam Imadi?', has: ['formerly ambassador to Sweden'], cites: [A2] },
  { q: 'When did the Air Force colonel defect?', has: ['January 2012'], cites: [A1] },
  // people who did not defect
  { q: 'When did Bashar al-Assad defect?', has: ['do not report that Bashar al-Assad defected'], cites: [] },
  { q: 'When did Hafez al-Assad defect?', has: ['do not report that Hafez al-Assad defected'], cites: [] },
  { q: 'When did Vladimir Hijab defect?', has: ['do not say'], not: ['6 August'], cites: [] },
  { q: 'When did the Syrian PM Riyad Hijab defect?', has: ['6 August 2012'], cites: [A4] },
  { q: 'when did syrian pm hijab defect lol', has: ['do not say', 'Did you mean Riyad Hijab?'], cites: [] },
  { q: 'Who is Bashar Hijab?', has: ['No one called "Bashar Hijab"', 'Did you mean', ' or '], cites: [] },
  { q: 'When did Damascus defect?', has: ['"Damascus" appears in the articles, but no fact'], cites: [] },
  { q: 'When did Manaf Hijab defect?', has: ['do not say'], not: ['6 August'], cites: [] },
  // articles
  { q: 'Which outlets are in the dossier?', has: ['5 articles', 'AFP', 'Al Jazeera', 'Reuters', 'agencies'], cites: [A0, A1, A2, A3, A4] },
  { q: 'Which articles mention Fares?', has: ['002', '003'], not: ['000:', '004:'], cites: [A2, A3] },
  // fallback: above the threshold it cites the sentence; below it, nothing
  { q: 'What is the Free Syrian Army?', has: ['no direct answer', 'group of dissidents known as the Free Syrian Army'], cites: [A1] },
  { q: 'What happened to the economy in Cambodia?', has: ['do not say'], cites: [] },
  { q: 'Is it the one that was there?', has: ['do not say'], cites: [] },
  { q: 'What is the weather like on Mars?', has: ['do not say'], cites: [] },
];

const INVENTED_CASES: Case[] = [
  { q: 'When did Tomas Keszler defect?', has: ['3 February 2031', 'defence minister', 'Marenport'], cites: [INV_A, INV_B] },
  { q: 'when did keszlar defect', has: ['Tomas Keszler', '3 February 2031'], cites: [INV_A, INV_B] },
  { q: 'How old is Tomas Keszlar?', has: ['61 according to', 'Harbor Times', '62 according to', 'Northwind Wire'], cites: [INV_A, INV_B] },
  { q: 'When did Ilse Varga defect?', has: ['do not report that Ilse Varga defected'], cites: [] },
  { q: 'What did Keszler say to the navy?', has: ['Lay down your arms and come home'], cites: [INV_A] },
  { q: 'What did Keszler say to the army?', has: ['not saying anything to the army'], cites: [] },
  { q: 'Who helped keszler?', has: ['the Coastal Front'], cites: [INV_A] },
  { q: 'Where did Orlov go?', has: ['Kestria', '9 March 2031'], cites: [INV_B] },
  { q: 'where is keszler from', has: ['Drava'], cites: [INV_A] },
  { q: 'Who is the army chief of staff?', has: ['Piet Orlov', 'Kestria'], not: ['Marek'], cites: [INV_B] },
  { q: 'who is marek orlov', has: ['Marek Orlov', 'member of parliament', 'brother'], not: ['Kestria'], cites: [INV_B] },
  { q: 'Who defected in March 2031?', has: ['Piet Orlov', 'a navy captain'], not: ['Keszler'], cites: [INV_B] },
  { q: 'Who defected between February and March 2031?', has: ['Tomas Keszler', 'Piet Orlov'], cites: [INV_A, INV_B] },
  { q: 'Who defected in 2030?', has: ['no defection in 2030'], cites: [] },
  { q: 'What did the government spokeswoman say?', has: ['Anya Brandt', 'remains in control'], cites: [INV_B] },
  { q: 'When did the finance minister defect?', has: ['do not report that Ilse Varga defected'], cites: [] },
  { q: 'When did President Lukas Renner defect?', has: ['do not report that Lukas Renner defected'], cites: [] },
  { q: 'When did Vladimir Putin defect?', has: ['do not say'], cites: [] },
  { q: 'Which militia is called the Coastal Front?', has: ['Coastal Front, a rebel militia'], cites: [INV_A] },
  { q: 'Is it the one that was there?', has: ['do not say'], cites: [] },
  { q: 'which outlets', has: ['2 articles', 'Harbor Times', 'Northwind Wire'], cites: [INV_A, INV_B] },
];

describe('answer() on the seed-like table', () => {
  it.each(SEED_CASES)('$q', (c) => check(seed, c));
});

describe('answer() on the invented table', () => {
  it.each(INVENTED_CASES)('$q', (c) => check(inv, c));
});

describe('answer() never throws and cites nothing on junk', () => {
  const junk = ['', '   ', '?', '.*(', '[[', '@everyone', '@here <@123456789012345678>', '🙂🙂🙂', '\u0000\u0001', 'a'.repeat(6000), 'when did '.repeat(700), '((((((((', '\\', '```js\nprocess.exit()```', 'who is ' + '🙂'.repeat(50)];
  it.each(junk.map((q) => ({ q, label: JSON.stringify(q.slice(0, 30)) })))('$label', ({ q }) => {
    for (const index of [seed, inv]) {
      const a = answer(index, q);
      expect(typeof a.text).toBe('string');
      expect(a.text.length).toBeGreaterThan(0);
      expect(a.text.length).toBeLessThan(1000);
      expect(a.sources).toEqual([]);
      expect(a.text).not.toMatch(/^Sorry/); // no internal error path
    }
  });
  it('non-string input is answered, not thrown', () => {
    expect(answer(seed, undefined as unknown as string).sources).toEqual([]);
    expect(answer(seed, 42 as unknown as string).sources).toEqual([]);
  });
});

describe('answer() speed', () => {
  it('median answer time over the question table is well under 1 ms', () => {
    const all: Array<[AnswerIndex, string]> = [...SEED_CASES.map((c): [AnswerIndex, string] => [seed, c.q]), ...INVENTED_CASES.map((c): [AnswerIndex, string] => [inv, c.q])];
    for (const [i, q] of all) answer(i, q); // warm up
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [i, q] of all) {
        const t0 = performance.now();
        answer(i, q);
        times.push(performance.now() - t0);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Infinity;
    const p95 = times[Math.floor(times.length * 0.95)] ?? Infinity;
    console.log(`answer(): ${all.length} questions x5, median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms`);
    expect(median).toBeLessThan(1);
  });
});

describe('an empty table', () => {
  const empty = buildIndex({ schema: 1, extractorVersion: 'x', generatedAt: '2026-01-01T00:00:00Z', articles: [], people: [], events: [], quotes: [], warnings: [] });
  it.each([
    ['Who defected?', 'report no defection'],
    ['Who defected in July 2012?', 'report no defection in July 2012'],
    ['When did Riyad Hijab defect?', 'do not say'],
    ['Which outlets?', 'no articles'],
    ['What is the Free Syrian Army?', 'do not say'],
  ])('%s', (q, text) => {
    const a = answer(empty, q);
    expect(a.text).toContain(text);
    expect(a.sources).toEqual([]);
  });
});
