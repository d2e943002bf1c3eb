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
  // A pronoun before the colon speaks; a name after the verb is the listener, not the speaker.
  ['Ola Berg spoke to reporters on Monday.\nHe told the Daily Wire: "We will not stay silent."', 'We will not', 'Ola Berg'],
  ['Ina Sol spoke first.\nOla Berg resigned on Monday.\nHe told Ina Sol: "We will not stay silent."', 'We will not', 'Ola Berg'],
  // A surname the people stage does not take alone (it reads like a nationality): the article's one bearer of it.
  ['Tomas Vanderic resigned on Monday.\n"The regime must go," said Vanderic, who led the talks.', 'The regime', 'Tomas Vanderic'],
  ['Tomas Vanderic resigned on Monday.\n"I am safe," Mr Vanderic said.', 'I am safe', 'Tomas Vanderic'],
  ['Ola Vanderic resigned on Monday.\nVanderic urged the police to "go home now".', 'go home', 'Ola Vanderic'],
  ['Tomas Vanderic and Ana Vanderic spoke on Monday.\n"We stay," said Vanderic.', 'We stay', 'Vanderic'],
  // Institutions that report or deny, with or without a place named after the head noun.
  ['The Norlandic trade ministry denied on Monday reports that the minister had resigned, calling them "baseless lies".', 'baseless', 'The Norlandic trade ministry'],
  ['The government of Norland said on Monday it had dismissed Ola Berg for "gross negligence".', 'gross', 'The government of Norland'],
  ['Ola Berg denied reports of a rift, calling them "pure invention".', 'pure invention', 'Ola Berg'],
  // A name inside the quote is not who says it.
  ['Ina Sol announced her resignation on Monday.\n"Ola Berg has lost control," she said.', 'Ola Berg has', 'Ina Sol'],
  // Across sentences about something else, "he" keeps to the person already called "he"; next door, the nearest.
  ['Ola Berg announced his resignation on Monday.\n"I will not return," he said.\nIna Sol has blamed the unrest on foreign agents. Prices have tripled. Power is scarce.\nHe told the Daily Wire: "I am safe now."', 'I am safe', 'Ola Berg'],
  ['Ola Berg announced his resignation on Monday.\n"I will not return," he said.\nIna Sol has blamed the unrest on foreign agents.\nHe told the Daily Wire: "I am safe now."', 'I am safe', 'Ina Sol'],
  ['Ola Berg announced his resignation on Monday.\n"I will not return," he said.\nIna Sol, a spokesman for the army, called the move "a betrayal".\n"He has betrayed us all," he said.', 'He has betrayed', 'Ina Sol'],
  // A sentence that opens with a quote is about the speaker named after its verb, so a "he said" next is them.
  ['Kal Dorn, a rebel commander, said his fighters had helped Berg reach the border.\n"We will help anyone," he told the Daily Wire.\n"They will burn my house," said Berg, who was appointed trade minister in 2011.\n"The shelling was the last straw," he said.', 'The shelling', 'Berg'],
  ['Ola Berg resigned on Monday.\n"The regime is finished," said Ivo Lark, an analyst at the Pell Institute.\n"Nobody believes it any more," he said.', 'Nobody believes', 'Ivo Lark'],
  // A surname the people stage does not take alone, opening a sentence, is the subject a "he" then refers to.
  ['The ministry denied reports that analyst Tomas Vanderic had defected.\n"Vanderic is at his desk," said Ivo Lark, a spokesman for the ministry.\nOpposition websites had claimed that he had left.\nVanderic appeared on state television in the evening. "Nobody has left the government," he said.', 'Nobody has left', 'Tomas Vanderic'],
  ['Tomas Vanderic resigned on Monday.\nIvo Lark, a rebel commander, said his fighters had helped Vanderic.\n"We will help anyone," he told the Daily Wire.\n"I am free now," said Mr Vanderic.\nHe told the Daily Wire: "I ask the families to forgive me."', 'I ask the families', 'Tomas Vanderic'],
  ['Colonel Tomas Vanderic resigned on Monday.\nIvo Lark, a rebel commander, said his fighters had helped Vanderic.\n"We will help anyone," he told the Daily Wire.\n"I am free now," Colonel Vanderic said in a statement.\nHe told the Daily Wire: "I ask the families to forgive me."', 'I ask the families', 'Tomas Vanderic'],
  // When whoever speaks is not a person, the sentence is about the person its reported clause opens with.
  ['Kal Dorn, a rebel commander, said his fighters had helped Tomas Vanderic.\n"We will help anyone," he told the Daily Wire.\nState television said Vanderic had been dismissed, but activists said he had fled.\nHe told the Daily Wire: "Nobody believes the official story."', 'Nobody believes', 'Tomas Vanderic'],
  ['Kal Dorn, a rebel commander, said his fighters had helped Ola Berg.\n"We will help anyone," he told the Daily Wire.\nState television said that Berg had been dismissed.\n"I worked for this state for 30 years," he said.', 'I worked', 'Ola Berg'],
  // ... and a person who speaks stays the subject.
  ['Ola Berg resigned on Monday.\nKal Dorn said Berg had fled to Norland.\n"We will help anyone," he told the Daily Wire.', 'We will help', 'Kal Dorn'],
  // ... but not a name inside the quote, nor one that does not follow the verb.
  ['Ola Berg resigned on Monday.\n"The regime is finished, Ivo Lark," said Berg on Tuesday.\n"I am safe," he said.', 'I am safe', 'Ola Berg'],
  ['Ola Berg resigned on Monday.\n"The regime is finished," said a statement read out for Ivo Lark.\n"I am safe," he said.', 'I am safe', 'Ola Berg'],
  // A sexed noun in apposition, and a plural noun taken for a name, are not "he".
  ['Ola Berg resigned on Monday.\nIna Sol, a spokeswoman for the army, called the move "a betrayal".\n"I am safe," he said.', 'I am safe', 'Ola Berg'],
  ['Ola Berg resigned on Monday.\nDiplomats say the economy is failing.\n"I am safe," he said.', 'I am safe', 'Ola Berg'],
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
