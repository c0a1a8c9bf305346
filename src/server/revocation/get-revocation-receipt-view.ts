import { createHash } from "node:crypto";
import { defineQuery } from "@/server/core";
import { getRevocationReceiptInput } from "./get-revocation-receipt";
import { loadReceiptRecord, type RevocationReceiptBody } from "./internal/receipt-record";

export interface RevocationReceiptView {
  /** What the signed files say, field for field (the page renders it in words). */
  body: RevocationReceiptBody;
  /** SHA-256 of receipt.json, lower-case hex: what the TSA token covers and `sha256sum` prints. */
  sha256: string;
  /**
   * Who made the request, as the portal knows them: the display name, else the address when the
   * reader made it; null for a CA-initiated one (no staff name or address) or a nameless colleague.
   */
  requesterName: string | null;
  /** The organisation the request was made for, when it was. */
  organisationName: string | null;
}

/**
 * The revocation receipt for people (issue 15 item 5): the same record as the signed files
 * (loadReceiptRecord, the same access rule), with the hash of the exact JSON the files sign, so
 * the page can say what the receipt holds and how to check the files, without signing a copy.
 */
export const getRevocationReceiptView = defineQuery({
  name: "revocation.get-receipt-view",
  input: getRevocationReceiptInput,
  authorize: "signed-in",
  async run(ctx, input): Promise<RevocationReceiptView> {
    const { body, json } = await loadReceiptRecord(ctx, input);
    // A CA-initiated request's requester is the administrator or officer who decided it: the
    // subscriber reads "the CA", never a staff member's name or address.
    const requesterId = body.request.kind === "CA_INITIATED" ? null : body.request.requestedById;
    const [requester, organisation] = await Promise.all([
      requesterId ? ctx.db.user.findUnique({ where: { id: requesterId }, select: { displayName: true, email: true } }) : null,
      body.request.onBehalfOfOrganisationId ? ctx.db.organisation.findUnique({ where: { id: body.request.onBehalfOfOrganisationId }, select: { name: true } }) : null,
    ]);
    return {
      body,
      sha256: createHash("sha256").update(json, "utf8").digest("hex"),
      // The address is the requester's personal data, theirs alone to see (like an acceptance
      // receipt's accepter): a colleague holding the organisation's certificate gets the name only.
      requesterName: requester ? requester.displayName || (requesterId === ctx.actor!.userId ? requester.email : null) : null,
      organisationName: organisation?.name ?? null,
    };
  },
});
