import { shanghaiDate, yearOf } from "../calendar";

/** The reference a reporter quotes: CPR-<year of receipt, Beijing time>-<number, at least 6 digits>. */
export function problemReportReference(number: number, receivedAt: Date): string {
  return `CPR-${yearOf(shanghaiDate(receivedAt))}-${String(number).padStart(6, "0")}`;
}
