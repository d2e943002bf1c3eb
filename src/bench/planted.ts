// What the corpus generator planted: the ground truth a benchmark scores extraction against.
export interface PlantedDate {
  /** YYYY-MM-DD (day) or YYYY-MM (month). */
  value: string;
  precision: 'day' | 'month';
  /** The words in the article. */
  text: string;
}

export interface PlantedDefection {
  /** World person id. */
  person: string;
  /** Canonical full name. */
  name: string;
  /** The full name as this article spells it. */
  written: string;
  article: string;
  /** Null when the article gives no date for it. */
  date: PlantedDate | null;
  role: string;
  /** True for a defection the article mentions in passing (an earlier one, in a list). */
  inPassing: boolean;
}

export interface PlantedQuote {
  /** World person id, or null when the speaker is an institution ("the interior ministry"). */
  speaker: string | null;
  /** Canonical full name, or the institution as written. */
  speakerName: string;
  /** The name as this article spells it. */
  written: string;
  article: string;
  /** The quoted words, exactly as in the article (inner text, without the quotation marks). */
  text: string;
  addressee: string | null;
}

export interface PlantedDenial {
  person: string;
  name: string;
  written: string;
  article: string;
}

export interface PlantedEvent {
  kind: 'appointment' | 'dismissal' | 'flight';
  person: string;
  name: string;
  article: string;
  place: string | null;
}

export interface PlantedPerson {
  id: string;
  name: string;
  /** Every spelling used for the person somewhere in the corpus, canonical first. */
  spellings: string[];
  role: string;
  age: number;
  hometown: string;
  loyalist: boolean;
  defected: string | null;
}

export interface Planted {
  seed: string;
  articles: number;
  people: PlantedPerson[];
  defections: PlantedDefection[];
  quotes: PlantedQuote[];
  denials: PlantedDenial[];
  events: PlantedEvent[];
}
