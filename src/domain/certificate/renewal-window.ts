/**
 * The renewal window of a certificate profile (clause 4 / 7.5): a subscriber renews or rekeys from
 * `opensDaysBefore` days before the certificate's notAfter until `closesDaysAfter` days after it.
 * Later than that the identity verified for the old certificate is too old to carry over, and the
 * subscriber applies anew (with a new identity check). Defaults: 90 days before, 365 after.
 */
export interface RenewalWindowSettings {
  opensDaysBefore: number;
  closesDaysAfter: number;
  /**
   * Whether a renewal issued before the old certificate expires keeps the old certificate's
   * remaining days (see `carriedOverMs`).
   */
  continuesValidity: boolean;
}

export const DEFAULT_RENEWAL_WINDOW: RenewalWindowSettings = { opensDaysBefore: 90, closesDaysAfter: 365, continuesValidity: false };

const DAY_MS = 86_400_000;

export interface RenewalWindow {
  /** First instant a renewal may be requested. */
  opensAt: Date;
  /** Last instant a renewal may be requested (inclusive). */
  closesAt: Date;
}

/** The window of one certificate: whole days counted from its notAfter. */
export function renewalWindowOf(notAfter: Date, s: RenewalWindowSettings): RenewalWindow {
  return { opensAt: new Date(notAfter.getTime() - s.opensDaysBefore * DAY_MS), closesAt: new Date(notAfter.getTime() + s.closesDaysAfter * DAY_MS) };
}

/** Where `now` stands against the window: before it opens, inside it, or after it closed. */
export function renewalWindowPosition(w: RenewalWindow, now: Date): "TOO_EARLY" | "OPEN" | "TOO_LATE" {
  if (now.getTime() < w.opensAt.getTime()) return "TOO_EARLY";
  if (now.getTime() > w.closesAt.getTime()) return "TOO_LATE";
  return "OPEN";
}

/**
 * Validity continuation, decided precisely: when the profile continues validity and the new
 * certificate is issued (at `notBefore`) while the old one still runs, the new one's notAfter is
 * notBefore + the profile's validity + the old certificate's remaining time, i.e. the old notAfter
 * + the profile's validity (e.g. 365 days). The remaining time is never negative (a renewal after expiry starts
 * afresh) and never more than the window's opening days: a renewal can only be requested inside
 * the window, so an honest carry-over never exceeds it, and the CA engine refuses anything longer
 * than its own ceiling. Returns the milliseconds carried over (0 when nothing is).
 */
export function carriedOverMs(oldNotAfter: Date, notBefore: Date, s: RenewalWindowSettings): number {
  if (!s.continuesValidity) return 0;
  // notAfter is the last valid second (RFC 5280, inclusive): the old certificate's time runs until
  // one second after it, so the new one ends exactly one validity period after the old notAfter.
  const remaining = oldNotAfter.getTime() + 1000 - notBefore.getTime();
  return Math.max(0, Math.min(remaining, s.opensDaysBefore * DAY_MS));
}

/** What a renewal or rekey would cost and give, told before the subscriber commits (issue 15). */
export interface RenewalTerms {
  /** The profile's fee now, in fen (分); the application copies it at submission. 0: free. */
  feeCents: number;
  /** The profile's validity, counted from issuance. */
  validityDays: number;
  /** Days of the old certificate carried over onto the new one (validity continuation), 0 when none. */
  carriedOverDays: number;
  /**
   * When the new certificate would end if it were issued at `now`: issuance comes after the RA's
   * review, so the page says "about" and counts from issuance.
   */
  endsAboutAt: Date;
}

/**
 * The renewal's terms from the profile (fee, validity, window settings) and the old certificate's
 * notAfter, as if issued at `now`: the same carry-over rule the issuance applies (carriedOverMs).
 */
export function renewalTerms(p: { feeCents: number; validityDays: number; window: RenewalWindowSettings; oldNotAfter: Date }, now: Date): RenewalTerms {
  const carried = carriedOverMs(p.oldNotAfter, now, p.window);
  return {
    feeCents: p.feeCents,
    validityDays: p.validityDays,
    carriedOverDays: Math.floor(carried / DAY_MS),
    endsAboutAt: new Date(now.getTime() + p.validityDays * DAY_MS + carried),
  };
}
