import { describe, expect, it } from 'vitest';
import { cleanArticle } from '../../src/extract/clean.js';

describe('cleanArticle drops page furniture and keeps prose', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a share button', 'Share', false],
    ['a newsletter sign-up', 'Sign up to our free newsletters', false],
    ['an unsubscribe notice', 'You can unsubscribe at any time by clicking the link in the footer of our emails.', false],
    ['a photo credit glued to a name', 'Jane DoeReuters', false],
    ['a byline of agencies', 'Agencies', false],
    ['a sentence of news', 'The minister resigned on Monday, officials said.', true],
    ['a quoted sentence mentioning a newsletter', '"I read it in the newsletter," she said.', true],
  ];
  it.each(cases)('%s', (_label, line, kept) => {
    const clean = cleanArticle(`Opening paragraph of the story goes here.\n${line}\nClosing paragraph of the story goes here.`);
    expect(clean.paragraphs.some((p) => p.text === line)).toBe(kept);
  });

  it('drops a caption line that a glued credit repeats, and a pull quote repeated from the body', () => {
    const clean = cleanArticle('Jane Doe\nJane DoeAFP\nThe minister said: "we have joined the ranks of the people today".\nwe have joined the ranks of the people today\nEnd of the story here.');
    expect(clean.dropped).toEqual(['Jane Doe', 'Jane DoeAFP', 'we have joined the ranks of the people today']);
    expect(clean.paragraphs.map((p) => p.text)).toHaveLength(2);
  });

  it('keeps offsets: every paragraph is found at its offsets in the cleaned text', () => {
    const clean = cleanArticle('First line here.\n\nShare\nSecond line here.');
    for (const p of clean.paragraphs) expect(clean.text.slice(p.start, p.end)).toBe(p.text);
  });
});
