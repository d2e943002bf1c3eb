// Kept apart from the pipeline so the bot can check a stored table's version without loading the NLP library.
/** Bump when extraction output changes, so stored tables are rebuilt. */
export const EXTRACTOR_VERSION = '1.13.0';
