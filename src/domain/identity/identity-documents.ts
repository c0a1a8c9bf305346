import type { IdDocumentType } from "./schemas";

/** The scans of an individual's identity document (mirror DocumentKind values). */
export type IdentityDocumentKind = "ID_FRONT" | "ID_BACK";

/**
 * The scans an individual's application must carry for the identity document they named: front and
 * back of a resident ID card, the photo page (front) of anything else. One rule for the server's
 * check before submission (requiredDocumentKinds) and the wizard's list, which follows the ID type
 * as it is chosen in the browser.
 */
export function identityDocumentKinds(type: IdDocumentType | null | undefined): IdentityDocumentKind[] {
  return type === "RESIDENT_ID_CARD" ? ["ID_FRONT", "ID_BACK"] : ["ID_FRONT"];
}
