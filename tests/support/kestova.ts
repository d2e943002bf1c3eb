// Three short invented articles (the Kestova stories) used by the hardening end-to-end tests.
export const ARTICLE_A = 'Kestova trade minister defects\n\nJorund Pell, the Kestova trade minister, defected on Monday and fled to Norland, officials said.\n';
export const ARTICLE_B = 'Kestova general flees\n\nGeneral Alva Strom, the commander of the Kestova border guard, defected on Friday and fled to Norland, officials said.\n';
export const ARTICLE_C = 'Kestova envoy resigns\n\nIvar Lunde, the Kestova ambassador to Norland, defected on Sunday, the opposition said.\n';
