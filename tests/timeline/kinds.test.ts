// Kind of post from the role words (generic titles only).
import { describe, expect, it } from 'vitest';
import { classifyRole, type PostKind } from '../../src/timeline/kinds.ts';

const cases: Array<[string | null, PostKind]> = [
  ['prime minister', 'government'],
  ['deputy oil minister', 'government'],
  ['minister of defence', 'government'],
  ['defence minister', 'government'],
  ['attorney general of the northern province', 'government'],
  ['secretary general of the party', 'government'],
  ['governor of the central bank', 'government'],
  ['member of parliament', 'government'],
  ['ambassador to Kestria', 'diplomatic'],
  ['consul general in Port Ilse', 'diplomatic'],
  ['military attaché', 'diplomatic'],
  ['chargé d’affaires', 'diplomatic'],
  ['envoy to the United Nations', 'diplomatic'],
  ['brigadier general', 'military'],
  ['general', 'military'],
  ['top air force colonel', 'military'],
  ['army captain', 'military'],
  ['fighter pilot', 'military'],
  ['soldiers of the 4th division', 'military'],
  ['television presenter', 'other'],
  ['footballer', 'other'],
  ['', 'other'],
  [null, 'other'],
];

describe('classifyRole', () => {
  for (const [role, kind] of cases) it(`${JSON.stringify(role)} -> ${kind}`, () => expect(classifyRole(role)).toBe(kind));
});
