import { describe, expect, it } from 'vitest';
import { extractTexts } from './helpers.js';

const speakerOf = (text: string, quoteStart: string) => {
  const table = extractTexts([{ text }]);
  const q = table.quotes.find((x) => x.text.startsWith(quoteStart));
  return q ? { speaker: q.speakerName, addressee: q.addressee, via: q.via, verbatim: table.articles[0]!.text.includes(q.text) } : null;
};

// [article text, quote start, expected speaker]
const cases: Array<[string, string, string | null]> = [
  ['Minister Ola Berg spoke on Monday.\n"We will not stay silent," he said.', 'We will not', 'Ola Berg'],
  ['"The regime must go," said Ola Berg on Tuesday.', 'The regime', 'Ola Berg'],
  ['"The regime must go," Ola Berg told reporters.', 'The regime', 'Ola Berg'],
  ['Ola Berg spoke first.\nLater Ina Sol addressed the crowd.\n"Stand firm," she said.', 'Stand firm', 'Ina Sol'],
  ['Ola Berg spoke to the press.\n"I advise my colleagues to leave," AP quoted him as having said. "Nobody will forgive them."', 'Nobody will', 'Ola Berg'],
  ['Ola Berg gave a speech.\n"I ask . . . the soldiers to go home. Do not shoot. . . . Join us," he said.', 'I ask', 'Ola Berg'],
  ['In the capital, a government statement said: "Ola Berg has been relieved of his duties."', 'Ola Berg has', 'a government statement'],
  ['Ola Berg spoke first.\n"This is the start of many resignations," said\nIna Sol, a farmer, watched.', 'This is the start', 'Ola Berg'],
];

describe('quotes: text and speaker', () => {
  it.each(cases)('%s', (text, start, speaker) => {
    const q = speakerOf(text, start);
    expect(q?.speaker).toBe(speaker);
    expect(q?.verbatim).toBe(true);
  });

  it('records whom a quote addresses and the medium that relayed it', () => {
    expect(speakerOf('Ola Berg spoke.\n"I urge all honest officers to follow me," he said.', 'I urge')?.addressee).toBe('all honest officers');
    expect(speakerOf('Ola Berg spoke.\n"I ask . . . the members of the army to join us," he said.', 'I ask')?.addressee).toBe('the members of the army');
    expect(speakerOf('Ola Berg spoke to the press.\n"I advise my colleagues to leave," AP quoted him as having said.', 'I advise')?.via).toBe('AP');
  });

  it('runs a quote across paragraphs that open without closing', () => {
    const table = extractTexts([{ text: '"First part of the thought," Ola Berg said.\n"But then the second part\n"and the end of it."' }]);
    expect(table.quotes.map((q) => q.speakerName)).toEqual(['Ola Berg', 'Ola Berg', 'Ola Berg']);
  });
});
