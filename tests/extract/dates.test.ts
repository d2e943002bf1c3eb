import { describe, expect, it } from 'vitest';
import { findDates } from '../../src/extract/dates.js';

// [text, publication date, expected words, value, precision, qualifier]
const cases: Array<[string, string | null, string, string | null, string, string | null]> = [
  ['the video was shot on Wednesday', '2012-03-08', 'on Wednesday', '2012-03-07', 'day', null],
  ['said Fares on Wednesday', '2012-07-11', 'on Wednesday', '2012-07-11', 'day', null],
  ['a statement on Facebook last night', '2012-07-12', 'last night', '2012-07-11', 'day', null],
  ['between 5.30 and 7.30 this morning', '2012-08-06', 'this morning', '2012-08-06', 'day', null],
  ['I announce today my defection', '2012-08-06', 'today', '2012-08-06', 'day', null],
  ['a bomb last month', '2012-08-06', 'last month', '2012-07', 'month', null],
  ['appointed only in June', '2012-08-06', 'in June', '2012-06', 'month', null],
  ['In late August, he appeared', '2012-03-08', 'In late August', '2011-08', 'month', 'late'],
  ['fled in January', '2012-03-08', 'in January', '2012-01', 'month', null],
  ['the revolt that erupted last March', '2012-03-08', 'last March', '2011-03', 'month', null],
  ['appointed in August 2009', '2012-03-08', 'in August 2009', '2009-08', 'month', null],
  ['ambassador until December', '2012-07-11', 'until December', '2011-12', 'month', null],
  ['on 6 August 2012', '2020-01-01', 'on 6 August 2012', '2012-08-06', 'day', null],
  ['on March 3, 2011', null, 'on March 3, 2011', '2011-03-03', 'day', null],
  ['two weeks ago', '2012-08-06', 'two weeks ago', '2012-07-23', 'day', 'about'],
  ['yesterday', '2021-01-01', 'yesterday', '2020-12-31', 'day', null],
  ['on Wednesday', null, 'on Wednesday', null, 'relative', null],
];

describe('findDates resolves against the publication date, looking back', () => {
  it.each(cases)('%s (%s)', (text, published, words, value, precision, qualifier) => {
    const [found] = findDates(text, published);
    expect(found?.date.text).toBe(words);
    expect(found?.date.value).toBe(value);
    expect(found?.date.precision).toBe(precision);
    expect(found?.date.qualifier).toBe(qualifier);
    expect(text.slice(found!.start, found!.end)).toBe(words);
  });

  it.each([['5.30 and 7.30'], ['a 16-month uprising'], ['they may go'], ['for 40 years']])('finds no date in "%s"', (text) => {
    expect(findDates(text, '2012-08-06')).toEqual([]);
  });

  it('gives month ranges for early/mid/late', () => {
    const [late] = findDates('in late August 2011', null);
    expect([late?.date.from, late?.date.to]).toEqual(['2011-08-21', '2011-08-31']);
  });
});
