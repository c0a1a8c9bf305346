/** One row of the error table: HTTP status at the edge and the user's message in both languages. */
export interface ErrorEntry {
  http: number;
  zh: string;
  en: string;
}
