// "Read the evidence paragraph": select-menu values identify a source's sentence (article#sentence index).
import { evidenceParagraph } from '../answer/index.ts';
import type { AnswerIndex } from '../answer/index.ts';
import type { Source } from '../facts/schema.ts';
import { UserError, type Reply } from './reply.ts';

/** Whitespace runs as one space, trimmed. Only runs that change are replaced: most sentences come back as they are. */
function norm(s: string): string {
  return s.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/**
 * Select value for a source: `${article}#${sentenceIndex}`, or null when the sentence cannot be found.
 * The article comes from the index's id map: a scan of the table's articles cost ~0.7 ms per source at
 * 10,000 articles, on every rendered reply with sources.
 */
export function evidenceValue(index: AnswerIndex, source: Source): string | null {
  const article = index.articles.get(source.article);
  if (!article) return null;
  const target = norm(source.sentence);
  if (target === '') return null;
  const hit =
    // A sentence shorter than the target cannot normalise to it.
    article.sentences.find((s) => s.text.length >= target.length && norm(s.text) === target) ??
    article.sentences.find((s) => norm(s.text).includes(target) || target.includes(norm(s.text)));
  if (!hit) return null;
  const value = `${article.id}#${hit.index}`;
  return value.length <= 100 ? value : null;
}

/** The paragraph behind a select value, cited, as an ephemeral reply. */
export function evidenceReply(index: AnswerIndex, value: string): Reply {
  const hash = value.lastIndexOf('#');
  const articleId = hash > 0 ? value.slice(0, hash) : '';
  const sentence = Number(value.slice(hash + 1));
  const article = index.articles.get(articleId);
  const paragraph = article && Number.isInteger(sentence) ? evidenceParagraph(index, articleId, sentence) : null;
  if (!article || paragraph === null)
    throw new UserError('That article or sentence is no longer in the table (it may have been refreshed). Ask again for fresh sources.');
  const s = article.sentences.find((x) => x.index === sentence);
  return {
    title: `Evidence: ${article.title || article.id}`,
    items: [{ text: paragraph, sources: [{ article: article.id, outlet: article.outlet, published: article.published, sentence: s?.text ?? '' }] }],
    tone: 'info',
    ephemeral: true,
    evidenceMenu: false,
  };
}
