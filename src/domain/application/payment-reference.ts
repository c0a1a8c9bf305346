/**
 * The payment an RA officer recorded, as kept in Application.paymentReference: one column holds
 * `${method}:${amountCents}:${reference}` (the schema has no separate method/amount columns; the
 * audit event has them in full). Written and read only here, so a page never shows the stored
 * form ("BANK_TRANSFER:30000:TX…") but method label, amount in yuan and the reference.
 */
export type PaymentMethodName = "BANK_TRANSFER" | "CARD" | "CASH" | "ONLINE" | "OTHER";

const METHODS: ReadonlySet<string> = new Set<PaymentMethodName>(["BANK_TRANSFER", "CARD", "CASH", "ONLINE", "OTHER"]);

export interface RecordedPayment {
  method: PaymentMethodName;
  amountCents: number;
  /** The bank or provider reference or receipt number, as the officer typed it (may contain ':'). */
  reference: string;
}

export function storedPaymentReference(p: RecordedPayment): string {
  return `${p.method}:${p.amountCents}:${p.reference}`;
}

/**
 * The parts of a stored reference, or null when it is not in the stored form (rows written before
 * the form existed, or erased): the caller then shows the raw text as machine text.
 */
export function parsePaymentReference(stored: string | null | undefined): RecordedPayment | null {
  if (!stored) return null;
  const m = /^([A-Z_]+):(\d{1,12}):(.+)$/s.exec(stored);
  if (!m || !METHODS.has(m[1]!)) return null;
  return { method: m[1] as PaymentMethodName, amountCents: Number(m[2]), reference: m[3]! };
}
