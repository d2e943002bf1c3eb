// RefreshReport -> Reply: what changed (people, events, quotes added and removed) and per-article warnings;
// on failure, why, and that the served table is unchanged.
import type { RefreshReport } from '../store/dataset.ts';
import { shorten, type Reply, type ReplyItem } from './reply.ts';

function list(names: string[], max = 15): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, max).map((n) => shorten(n, 120));
  return names.length > max ? `${shown.join('; ')}; and ${names.length - max} more` : shown.join('; ');
}

/** Largest warnings block: one item that always fits on the first page (the renderer splits items over 1,500). */
const WARNINGS_BUDGET = 1400;

/**
 * One line per article with all its messages ("id: message; message"), folder-wide ones first, so every
 * problem file is named. When there are too many to fit one message, the rest are counted (the full list is in
 * the log and in `npm run extract`). One page only: a page button would re-run the moderator command.
 */
export function warningLines(warnings: RefreshReport['warnings']): string {
  const byArticle = new Map<string, string[]>();
  for (const w of warnings) {
    const key = w.article ?? '';
    byArticle.set(key, [...(byArticle.get(key) ?? []), w.message]);
  }
  const keys = [...byArticle.keys()].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
  const lines: string[] = [];
  let used = 0;
  for (const [i, key] of keys.entries()) {
    const messages = byArticle.get(key) ?? [];
    const line = shorten(`${key ? `${key}: ` : 'seeds folder: '}${messages.join('; ')}`, 240);
    const rest = keys.length - i;
    if (used + line.length + 1 > WARNINGS_BUDGET - 60 && rest > 1) {
      lines.push(`…and ${rest} more article${rest === 1 ? '' : 's'} with warnings (see the bot log or npm run extract).`);
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
}

export function reportReply(report: RefreshReport, what: string, note?: string | null): Reply {
  if (!report.ok) {
    return {
      title: `${what} failed`,
      intro: `Nothing was changed: the table being served is unchanged.\nReason: ${report.error ?? 'unknown error'}`,
      items: [],
      tone: 'error',
      ephemeral: true,
    };
  }
  const items: ReplyItem[] = [];
  const { articles, people, events, quotes } = report;
  const art = [
    articles.added.length ? `added ${list(articles.added)}` : '',
    articles.removed.length ? `removed ${list(articles.removed)}` : '',
    articles.changed.length ? `changed ${list(articles.changed)}` : '',
  ].filter(Boolean);
  items.push({ label: 'Articles', text: art.length ? art.join('; ') : 'no change', sources: [] });
  items.push({ label: 'People added', text: list(people.added), sources: [] });
  items.push({ label: 'People removed', text: list(people.removed), sources: [] });
  items.push({ label: 'Events added', text: list(events.added, 10), sources: [] });
  items.push({ label: 'Events removed', text: list(events.removed, 10), sources: [] });
  items.push({ label: 'Quotes', text: `${quotes.added} added, ${quotes.removed} removed`, sources: [] });
  if (report.warnings.length > 0) items.push({ label: `Warnings (${report.warnings.length})`, text: warningLines(report.warnings), sources: [] });
  return {
    title: report.articleId ? `${what}: ${report.articleId}` : what,
    intro: `Done in ${(report.durationMs / 1000).toFixed(1)} s; the new table is being served.${note ? ` ${note}` : ''}`,
    items,
    tone: report.warnings.length > 0 ? 'warning' : 'answer',
    ephemeral: true,
  };
}
