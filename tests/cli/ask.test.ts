// The checked interface: `npm run ask -- --seeds DIR --jsonl` reads questions on stdin and writes one JSON object
// per line on stdout, and nothing else; `--json` writes one object; plain mode writes text with sources.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Line {
  question: string;
  answer: string;
  sources: Array<{ article: string; outlet: string | null; published: string | null; sentence: string }>;
}

function npmAsk(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync('npm', ['run', 'ask', '--', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('npm run ask', () => {
  it('--seeds DIR --jsonl: one JSON object per question, nothing else on stdout', () => {
    const questions = ['When did Teodor Vashkelis defect?', 'how old is vaskhelis', '', 'When did Sabina Korrel defect?', 'what did morrow write', 'Who is Vladimir Putin?'];
    const run = npmAsk(['--seeds', 'tests/fixtures/invented', '--jsonl'], questions.join('\n') + '\n');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l.length > 0);
    expect(lines).toHaveLength(5); // the blank line is skipped
    const answers = lines.map((l) => JSON.parse(l) as Line);
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual(['answer', 'question', 'sources']);
      for (const s of a.sources) expect(Object.keys(s).sort()).toEqual(['article', 'outlet', 'published', 'sentence']);
    }
    const [when, age, denied, wrote, unknown] = answers;
    expect(when!.answer).toContain('5 April 2021');
    expect(when!.sources[0]).toMatchObject({ article: '100_valdoria_minister', outlet: 'Valdoria Herald', published: '2021-04-07' });
    expect(age!.answer).toMatch(/49[\s\S]*50/);
    expect(age!.sources.map((s) => s.article)).toEqual(['100_valdoria_minister', '101_valdoria_general']);
    expect(denied!.sources).toEqual([]);
    expect(wrote!.answer).toContain('We were ordered to fire on our own people');
    expect(unknown!.sources).toEqual([]);
  });

  it('--json: one object; plain: the answer and numbered sources', () => {
    const json = npmAsk(['--seeds', 'tests/fixtures/invented', '--json', 'Who helped Teodor Vashkelis?']);
    const parsed = JSON.parse(json.stdout) as Line;
    expect(parsed.question).toBe('Who helped Teodor Vashkelis?');
    const plain = npmAsk(['--seeds', 'tests/fixtures/invented', 'Where did Vashkelis go?']);
    expect(plain.stdout).toContain('Norland');
    expect(plain.stdout).toMatch(/Sources:\n {2}\[1\] 10[01]_valdoria/);
  });

  it('a seeds folder that does not exist: one clear line on stderr, nothing on stdout, exit 1', () => {
    const run = npmAsk(['--seeds', 'no/such/folder', '--jsonl'], 'who defected?\n');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim()).toBe('cannot read the seeds folder no/such/folder: ENOENT');
  });

  it('without a question it prints usage to stderr and exits 2', () => {
    const run = npmAsk([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage:');
  });
});
