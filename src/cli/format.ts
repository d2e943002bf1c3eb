// Plain-text rendering of an answer for terminals: the answer, then numbered sources.
import type { Answer } from '../facts/schema.js';

export function formatAnswer(result: Answer): string {
  const lines = [result.text];
  if (result.sources.length > 0) {
    lines.push('', 'Sources:');
    result.sources.forEach((s, i) => {
      lines.push(`  [${i + 1}] ${s.article} (${s.outlet ?? 'unknown outlet'}, ${s.published ?? 'undated'}): ${s.sentence}`);
    });
  }
  return lines.join('\n');
}
