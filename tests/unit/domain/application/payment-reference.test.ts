import { describe, expect, it } from "vitest";
import { parsePaymentReference, storedPaymentReference } from "@/domain/application";

describe("payment reference", () => {
  it("reads back what record-payment stores", () => {
    const stored = storedPaymentReference({ method: "BANK_TRANSFER", amountCents: 30000, reference: "TX20261202-001" });
    expect(stored).toBe("BANK_TRANSFER:30000:TX20261202-001");
    expect(parsePaymentReference(stored)).toEqual({ method: "BANK_TRANSFER", amountCents: 30000, reference: "TX20261202-001" });
  });

  it("keeps colons inside the officer's reference", () => {
    expect(parsePaymentReference("CASH:500:receipt:42")).toEqual({ method: "CASH", amountCents: 500, reference: "receipt:42" });
  });

  it("does not guess at text in another form", () => {
    expect(parsePaymentReference("TX-ONLY")).toBeNull();
    expect(parsePaymentReference("WIRE:30000:TX")).toBeNull(); // not a payment method
    expect(parsePaymentReference("CARD:abc:TX")).toBeNull();
    expect(parsePaymentReference("CARD:100:")).toBeNull();
    expect(parsePaymentReference(null)).toBeNull();
    expect(parsePaymentReference("")).toBeNull();
  });
});
