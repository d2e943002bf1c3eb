// parseDateRange() and date formatting.
import { describe, expect, it } from 'vitest';
import { parseDateRange } from '../../src/answer/index.js';
import { describeRange, formatDate, formatDatePhrase } from '../../src/answer/dates.js';
import { date } from './builder.js';

describe('parseDateRange', () => {
  it.each([
    ['2012', '2012-01-01', '2012-12-31'],
    ['July 2012', '2012-07-01', '2012-07-31'],
    ['july 2012', '2012-07-01', '2012-07-31'],
    ['Jul 2012', '2012-07-01', '2012-07-31'],
    ['2012-07', '2012-07-01', '2012-07-31'],
    ['2012-07-11', '2012-07-11', '2012-07-11'],
    ['2012-02', '2012-02-01', '2012-02-29'],
    ['2011-02', '2011-02-01', '2011-02-28'],
    ['6 August 2012', '2012-08-06', '2012-08-06'],
    ['August 6, 2012', '2012-08-06', '2012-08-06'],
    ['march 2012 to july 2012', '2012-03-01', '2012-07-31'],
    ['between March and August 2012', '2012-03-01', '2012-08-31'],
    ['from 2011 to 2012', '2011-01-01', '2012-12-31'],
    ['2012-03-01 - 2012-03-15', '2012-03-01', '2012-03-15'],
    ['july 2012 to march 2012', '2012-03-01', '2012-07-31'],
    ['since June 2012', '2012-06-01', '9999-12-31'],
    ['before 2013', '0000-01-01', '2012-12-31'],
    ['after July 2012', '2012-08-01', '9999-12-31'],
    ['who defected in Dec. 2011?', '2011-12-01', '2011-12-31'],
  ])('%s -> %s .. %s', (text, from, to) => {
    expect(parseDateRange(text)).toEqual({ from, to });
  });

  it.each(['', 'July', 'who may defect', 'yesterday', '2012-13', '2012-02-30', 'marched', '12345', '.*(', '🙂'])('%j -> null', (text) => {
    expect(parseDateRange(text)).toBeNull();
  });
});

describe('formatDate', () => {
  it.each([
    [date('on Monday', '2012-08-06', 'day'), '6 August 2012', 'on 6 August 2012'],
    [date('in July', '2012-07', 'month'), 'July 2012', 'in July 2012'],
    [date('last year', '2011', 'year'), '2011', 'in 2011'],
    [date('In late August', '2011-08', 'month', 'late'), 'late August 2011', 'in late August 2011'],
    [date('on Wednesday', null, 'relative'), 'on Wednesday', 'on Wednesday'],
    [{ ...date('reported 2012-07-11', '2012-07-11', 'day'), qualifier: 'reported' }, '11 July 2012', 'by 11 July 2012 (the date of the report)'],
    [{ text: 'earlier', value: null, precision: 'relative' as const, from: null, to: '2012-07-11', qualifier: 'before' }, 'by 11 July 2012', 'by 11 July 2012'],
  ])('%j', (d, plain, phrase) => {
    expect(formatDate(d)).toBe(plain);
    expect(formatDatePhrase(d)).toBe(phrase);
  });

  it.each([
    ['2012-07-01', '2012-07-31', 'July 2012'],
    ['2012-01-01', '2012-12-31', '2012'],
    ['2012-03-01', '2012-08-31', 'March 2012 to August 2012'],
    ['2012-07-11', '2012-07-11', '11 July 2012'],
    ['2012-06-01', '9999-12-31', 'since 1 June 2012'],
  ])('describeRange %s %s', (from, to, text) => {
    expect(describeRange(from, to)).toBe(text);
  });
});
