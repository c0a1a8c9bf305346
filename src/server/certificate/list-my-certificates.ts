import { z } from "zod";
import { certificateNextStep } from "@/domain/application";
import { allowedCertificateActions, deriveCertificateState } from "@/domain/certificate";
import { revocationDue } from "@/domain/revocation";
import { OPEN_UPDATE_TARGETS, certificateFacts } from "@/server/shared";
import { defineQuery } from "@/server/core";

export type DeadlineKind = "testWindow" | "expiry" | "revocation" | "updateNotice" | "renewalWindow";
export interface CertificateDeadline {
  kind: DeadlineKind;
  at: Date;
}

/**
 * The next deadline that matters for one certificate: the nearest of the test window's end
 * (clause 1.8, while it runs), the end of the 24-hour revocation clock of a loss report or
 * revocation request confirmed compliant but not carried out yet (clause 1.4), the deadline of an
 * update notice naming it that is not resolved yet (clause 4), expiry (while usable), and the end
 * of the renewal window while renewal is open (after expiry, the only deadline left).
 */
export function nextDeadline(candidates: Array<CertificateDeadline | null>): CertificateDeadline | null {
  let best: CertificateDeadline | null = null;
  for (const c of candidates) if (c && (!best || c.at.getTime() < best.at.getTime())) best = c;
  return best;
}

/**
 * The certificates the signed-in person holds themselves, with the state the domain derives and
 * the next deadline that matters to them. Organisation certificates an agent acts for are listed
 * on the agent page.
 */
export const listMyCertificates = defineQuery({
  name: "portal.certificate.list-mine",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.certificate.findMany({
      where: { subscriberUserId: ctx.actor!.userId },
      orderBy: { createdAt: "desc" },
      take: 100,
      include: {
        objections: true,
        profile: { select: { code: true, nameZh: true, nameEn: true, renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true } },
        revocationRequests: {
          where: { status: "COMPLIANT", kind: { in: ["LOSS_REPORT", "REVOCATION"] } },
          select: { compliantAt: true, dueAt: true },
        },
        // The open update notices (OPEN_UPDATE_TARGETS' rule): their deadline for the list, and the window opened early by them.
        updateNoticeTargets: { where: OPEN_UPDATE_TARGETS.where, select: { notice: { select: { deadline: true } } } },
      },
    });
    return rows.map((c) => {
      const facts = certificateFacts(c);
      const state = deriveCertificateState(facts, ctx.now);
      const ended = state.status === "REVOKED" || state.status === "SUPERSEDED" || state.status === "EXPIRED";
      const revocation = nextDeadline(
        c.revocationRequests.map((r) => {
          const at = r.dueAt ?? (r.compliantAt ? revocationDue(r.compliantAt) : null);
          return at ? { kind: "revocation" as const, at } : null;
        }),
      );
      const update = nextDeadline(c.updateNoticeTargets.map((t) => ({ kind: "updateNotice" as const, at: t.notice.deadline })));
      const can = allowedCertificateActions(facts, ctx.now);
      const renewal = can.renew.ok && can.renew.until ? { kind: "renewalWindow" as const, at: can.renew.until } : null;
      const deadline = ended
        ? renewal
        : nextDeadline([
            renewal,
            state.status === "IN_TEST_WINDOW" && c.testWindowDeadline ? { kind: "testWindow", at: c.testWindowDeadline } : null,
            revocation,
            update,
            // Issue 15: while it waits to be downloaded, a year-away expiry is not what matters now (the download is: `next`).
            state.usable && state.status !== "PENDING_DELIVERY" ? { kind: "expiry", at: c.notAfter } : null,
          ]);
      return {
        id: c.id,
        serialHex: c.serialHex,
        subjectDn: c.subjectDn,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        profile: { code: c.profile.code, nameZh: c.profile.nameZh, nameEn: c.profile.nameEn },
        status: state.status,
        usable: state.usable,
        deadline,
        can,
        // What happens next and who acts (issue 15): download, test, the RA's objection handling...
        next: certificateNextStep({ id: c.id, status: state.status, testWindowDeadline: c.testWindowDeadline, testWindowProvisional: c.testWindowProvisional, awaiting: state.awaiting }),
      };
    });
  },
});
