// Stored tables are reused while EXTRACTOR_VERSION is unchanged, so a change to what extraction produces
// must come with a new version. This pins the seeds' extraction to the version: when the golden summaries
// change, this test reminds you to bump src/extract/version.ts (and then update the hash here).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../src/extract/version.js';

const goldenHash = createHash('sha256')
  .update(readdirSync('tests/fixtures/golden').sort().map((f) => readFileSync(`tests/fixtures/golden/${f}`, 'utf8')).join('\n'))
  .digest('hex')
  .slice(0, 16);

describe('extractor version', () => {
  it('changes whenever the golden extraction of the seeds changes', () => {
    expect({ version: EXTRACTOR_VERSION, golden: goldenHash }).toEqual({ version: '1.13.0', golden: goldenHash === PINNED ? PINNED : 'bump EXTRACTOR_VERSION, then update PINNED' });
  });
});

const PINNED = '32a19f0ef8907384';
