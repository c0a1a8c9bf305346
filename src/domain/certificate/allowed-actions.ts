import { checkCertificateAction, type CertificateAction, type CertificateActionCode } from "./certificate-actions";
import { deriveCertificateState, type CertificateFacts } from "./certificate-status";

/**
 * What the stored record says beyond the life-cycle facts, needed for renewal: a certificate
 * already replaced by an accepted successor, or one without the application its subject and
 * profile would be copied from, cannot be renewed online.
 */
export interface CertificateActionFacts extends CertificateFacts {
  supersededById: string | null;
  hasApplication: boolean;
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
  "change", // a change application after an objection resolved by CHANGE (clause 2.2)
] as const;
export type CertificateOffer = (typeof CERTIFICATE_OFFERS)[number];

export type CertificateRefusal =
  | CertificateActionCode
  | "CERT_NOT_RENEWABLE" // renew/rekey: only an accepted, not yet replaced certificate with its application
  | "CERT_NO_CHANGE_ORDERED"; // change: no objection was resolved by CHANGE, or the change is done

/** Yes (for test/object: `late` once the window is over or acceptance was recorded), or the stable code for no. */
export type Allowed = { ok: true; late?: boolean } | { ok: false; reason: CertificateRefusal };

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
 * replaced, or without the application to copy from, has nothing to renew from.
 */
const renewable: Rule = (facts, now) => {
  const { status } = deriveCertificateState(facts, now);
  return (status === "ACCEPTED_EXPLICIT" || status === "ACCEPTED_DEEMED") && facts.supersededById === null && facts.hasApplication
    ? { ok: true }
    : { ok: false, reason: "CERT_NOT_RENEWABLE" };
};

/** Clause 2.2: an objection resolved by CHANGE calls for a change application, until a successor replaces the certificate. */
const changeOrdered: Rule = (facts, now) => {
  const { status } = deriveCertificateState(facts, now);
  const live = status !== "REVOKED" && status !== "SUPERSEDED" && status !== "EXPIRED";
  return live && facts.supersededById === null && facts.objections.some((o) => o.resolution === "CHANGE")
    ? { ok: true }
    : { ok: false, reason: "CERT_NO_CHANGE_ORDERED" };
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
  change: changeOrdered,
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
