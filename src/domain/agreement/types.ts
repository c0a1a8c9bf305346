/** Languages the agreement is published in. Every published version carries all of them. */
export const AGREEMENT_LOCALES = ["zh-CN", "en"] as const;
export type AgreementLocale = (typeof AGREEMENT_LOCALES)[number];

/** An enumerated item inside a clause, e.g. "(1)" in the list of revocation grounds. */
export interface AgreementItem {
  readonly label: string;
  readonly text: string;
}

export interface AgreementClause {
  /** Stable across languages and versions ("1.4", "3"); preamble clauses are "P1", "P2", ... */
  readonly number: string;
  readonly text: string;
  readonly items?: readonly AgreementItem[];
  /**
   * True for clauses that limit or exclude the CA's liability, or put a burden on the subscriber
   * that the subscriber must notice (the bold clauses of the reference). The UI emphasises them
   * and acceptance must not be possible before they were shown.
   */
  readonly limitsLiability: boolean;
}

export interface AgreementSection {
  readonly number: string;
  readonly heading: string;
  readonly clauses: readonly AgreementClause[];
}

/** One language of one agreement version. Text may contain `{{variable}}` placeholders. */
export interface AgreementDocument {
  readonly title: string;
  /** The banner above the text telling the reader that emphasised clauses limit liability. */
  readonly notice: string;
  readonly preamble: readonly AgreementClause[];
  readonly sections: readonly AgreementSection[];
}

export type AgreementTexts = Readonly<Record<AgreementLocale, AgreementDocument>>;

export interface AgreementVersion {
  readonly version: number;
  readonly texts: AgreementTexts;
}

/** Values for the `{{name}}` placeholders, given per language by configuration. */
export type AgreementVariables = Readonly<Record<string, string>>;
