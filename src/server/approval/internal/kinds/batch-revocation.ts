import { CA_GROUND_REASONS } from "@/domain/revocation";
import { previewRevocationBatchInput, revocationBatchInput, startRevocationBatch } from "@/server/revocation";
import { domainError } from "@/server/core";
import { approvable } from "../approvable";

/**
 * Issue 14 item 6 (helper D): a batch revocation on a clause 3 ground. The approver reads how the
 * certificates were chosen, how many (as the requester confirmed them in the preview), the ground
 * and the explanation; on approval startRevocationBatch resolves the selection as of the preview
 * and the "revocation.batches" job carries it out. Separation of duties is per certificate there
 * (the requester's own are listed as failed), since a batch has no single case to be party to.
 */
export const batchRevocation = approvable({
  kind: "BATCH_REVOCATION",
  input: revocationBatchInput,
  run: startRevocationBatch,
  async describe(_tx, input) {
    // A malformed selection was refused by the schema; this only words it for the approvers.
    const sel = input.selection;
    const selection = sel.by === "ISSUER" ? `ISSUER ${sel.issuer}` : sel.by === "PROFILE" ? `PROFILE ${sel.profileCode}` : sel.by === "KEY" ? `KEY ${sel.spkiSha256}` : `SERIALS (${sel.serials.split(/[\r\n,;]+/).filter((l) => l.trim()).length})`;
    if (!previewRevocationBatchInput.safeParse({ selection: sel, ground: input.ground, reason: input.reason }).success) throw domainError("VALIDATION_FAILED");
    return {
      facts: {
        selection,
        certificates: input.expectedTotal,
        asOf: input.asOf.toISOString(),
        ground: input.ground,
        clauseItem: CA_GROUND_REASONS[input.ground].clauseItem,
        reason: input.reason ?? CA_GROUND_REASONS[input.ground].defaultReason,
        explanation: input.explanation,
      },
    };
  },
});
