import { checkCertificateAction, type CertificateAction, type CertificateActionCode } from "./certificate-actions";
import { deriveCertificateState, type CertificateFacts } from "./certificate-status";
import { renewalWindowOf, renewalWindowPosition, type RenewalWindowSettings } from "./renewal-window";

/**
 * What the stored record says beyond the life-cycle facts, needed for renewal: a certificate
 * already replaced by an accepted successor, or one without the application its subject and
 * profile would be copied from, cannot be renewed online.
 */
export interface CertificateActionFacts extends CertificateFacts {
  supersededById: string | null;
  hasApplication: boolean;
  /**
   * The profile's renewal window. Absent: the window is not judged, only the state (callers that
   * never offer renewal); every page that offers renew/rekey passes its profile's window.
   */
  renewalWindow?: RenewalWindowSettings;
  /**
   * An update notice (clause 4) still asks for this certificate's replacement and its deadline has
   * not been dealt with: the CA wants it replaced now, so the window opens early for it. It never
   * reopens a window that has closed.
   */
  updateOrdered?: boolean;
  /**
   * An application replacing this certificate (renewal, rekey, update or change) is under way. Read
   * models that offer a change read it (getMyCertificate, as requestChange does); absent counts as
   * none.
   */
  replacementOpen?: boolean;
}

/** Every action a page may offer on a certificate (who may take it is the authority module's business). */
export const CERTIFICATE_OFFERS = [
  "receive", // record a receipt: hand-over, mail signed-for (clause 1.7)
  "test", // run the certificate tests (clause 1.8)
  "accept", // explicit acceptance (clause 1.8)
  "object", // objection, late once the window is over or after acceptance (clauses 1.8, 2.2)
  "reportLoss", // suspension on a loss report (clause 1.4)
  "requestRevocation", // the subscriber's revocation request (clause 1.4)
  "releaseHold", // end a suspension
  "renew", // clause 4 / 7.5
  "rekey",
  "change", // a change application: the subscriber's details changed (clause 1.1), or an objection was resolved by CHANGE (clause 2.2)
  "exportPkcs12", // pack the key and certificate as a PKCS#12 file (the browser's key, or the server-made one's single download)
] as const;
export type CertificateOffer = (typeof CERTIFICATE_OFFERS)[number];

export type CertificateRefusal =
  | CertificateActionCode
  | "CERT_NOT_RENEWABLE" // renew/rekey: only an accepted, not yet replaced certificate with its application
  | "CERT_RENEWAL_TOO_EARLY" // renew/rekey: the profile's renewal window opens later (`at`)
  | "CERT_RENEWAL_TOO_LATE" // renew/rekey: the window closed (`at`); a new application is needed
  | "CERT_NOT_CHANGEABLE" // change: revoked, superseded or expired, or no application to carry the details over from
  | "CERT_REPLACEMENT_OPEN"; // change: an application replacing the certificate is under way

/**
 * Yes (for test/object: `late` once the window is over or acceptance was recorded; for renew/rekey:
 * `until`, the renewal window's end), or the stable code for no (renew/rekey outside the window:
 * `at`, when it opens or when it closed).
 */
export type Allowed = { ok: true; late?: boolean; until?: Date } | { ok: false; reason: CertificateRefusal; at?: Date };

export type AllowedCertificateActions = Record<CertificateOffer, Allowed>;

type Rule = (facts: CertificateActionFacts, now: Date) => Allowed;

/** An offer that is one action of `checkCertificateAction` (revoked, expired, received, accepted, suspended...). */
const checked =
  (action: CertificateAction): Rule =>
  (facts, now) => {
    const r = checkCertificateAction(action, facts, now);
    if (!r.ok) return { ok: false, reason: r.code };
    return r.late === undefined ? { ok: true } : { ok: true, late: r.late };
  };

/**
 * Clause 4 / 7.5: renewal replaces an accepted certificate. During the test window it is still
 * undecided (a renewal would supersede it before anyone accepted it), and a certificate already
 * replaced, revoked, or without the application to copy from, has nothing to renew from. An
 * expired one may still be renewed while the window runs, if it was accepted and not suspended
 * when it expired (its state is judged at its last valid instant). Then the profile's window:
 * too early says when it opens, too late when it closed.
 */
const renewable: Rule = (facts, now) => {
  const no = { ok: false, reason: "CERT_NOT_RENEWABLE" } as const;
  if (facts.supersededById !== null || !facts.hasApplication) return no;
  if (facts.revokedAt && facts.revokedAt.getTime() <= now.getTime()) return no;
  const asOf = now.getTime() > facts.notAfter.getTime() ? facts.notAfter : now;
  const { status } = deriveCertificateState(facts, asOf);
  if (status !== "ACCEPTED_EXPLICIT" && status !== "ACCEPTED_DEEMED") return no;
  if (!facts.renewalWindow) {
    // No window judged: as before windows existed, an expired certificate is not renewed.
    return now.getTime() <= facts.notAfter.getTime() ? { ok: true } : no;
  }
  const window = renewalWindowOf(facts.notAfter, facts.renewalWindow);
  switch (renewalWindowPosition(window, now)) {
    case "TOO_EARLY":
      // A CA-ordered update is due by the notice's deadline, whenever that falls (no `until`: the notice's deadline rules).
      if (facts.updateOrdered) return { ok: true };
      return { ok: false, reason: "CERT_RENEWAL_TOO_EARLY", at: window.opensAt };
    case "TOO_LATE":
      return { ok: false, reason: "CERT_RENEWAL_TOO_LATE", at: window.closesAt };
    default:
      return { ok: true, until: window.closesAt };
  }
};

/**
 * Clause 1.1: a subscriber whose registered details changed applies for a change, and clause 2.2:
 * an objection resolved by CHANGE calls for one. Either way the certificate must still be live
 * (not revoked, superseded or expired: a dead certificate is not changed, a new one is applied
 * for), not already replaced, with the application whose details the change carries over, and
 * with no other replacing application under way (one at a time; that one is continued instead).
 */
const changeable: Rule = (facts, now) => {
  const { status } = deriveCertificateState(facts, now);
  const live = status !== "REVOKED" && status !== "SUPERSEDED" && status !== "EXPIRED";
  if (!live || facts.supersededById !== null || !facts.hasApplication) return { ok: false, reason: "CERT_NOT_CHANGEABLE" };
  if (facts.replacementOpen) return { ok: false, reason: "CERT_REPLACEMENT_OPEN" };
  return { ok: true };
};

/**
 * A PKCS#12 file is for using the certificate: offered while it is valid, in its test window or on
 * hold (a hold may be released), never once it is revoked, replaced or expired (issue 15: a
 * revoked certificate still offered the export).
 */
const exportable: Rule = (facts, now) => {
  const { status } = deriveCertificateState(facts, now);
  if (status === "REVOKED" || status === "SUPERSEDED") return { ok: false, reason: "CERT_REVOKED" };
  if (status === "EXPIRED") return { ok: false, reason: "CERT_EXPIRED" };
  return { ok: true };
};

const RULES: Readonly<Record<CertificateOffer, Rule>> = {
  receive: checked("RECORD_RECEIPT"),
  // Tests belong to the objection they may support: possible whenever an objection (in time or late) is.
  test: checked("OBJECT"),
  accept: checked("ACCEPT"),
  object: checked("OBJECT"),
  reportLoss: checked("SUSPEND"),
  requestRevocation: checked("REVOKE"),
  releaseHold: checked("RELEASE_HOLD"),
  renew: renewable,
  rekey: renewable,
  change: changeable,
  exportPkcs12: exportable,
};

/**
 * What the certificate's state allows at `now`, for every offer at once: the one answer pages
 * render and use cases enforce (each throws the `reason` as its DomainError code), so a page never
 * offers what the server then refuses.
 */
export function allowedCertificateActions(facts: CertificateActionFacts, now: Date): AllowedCertificateActions {
  const answers = {} as AllowedCertificateActions;
  for (const offer of CERTIFICATE_OFFERS) answers[offer] = RULES[offer](facts, now);
  return answers;
}

/** One answer of `allowedCertificateActions`, for a use case that needs only its own. */
export function allowedCertificateAction(offer: CertificateOffer, facts: CertificateActionFacts, now: Date): Allowed {
  return RULES[offer](facts, now);
}
