import { z } from "zod";
import { allowedCertificateActions, deriveCertificateState } from "@/domain/certificate";
import { OPEN_UPDATE_TARGETS, certificateFacts } from "@/server/shared";
import { defineQuery } from "@/server/core";
import { listMyOrganisations } from "@/server/organisation";

/**
 * For the agent page: the organisations the actor may act for now (as a member or an agent with an
 * authorisation in force) and those organisations' certificates with their derived state and what
 * that state allows (`can`: renewal only once accepted and inside the profile's renewal window, as
 * the renewal use case requires).
 */
export const listOrganisationCertificates = defineQuery({
  name: "portal.agent.organisation-certificates",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const mine = await listMyOrganisations(ctx, {});
    const orgIds = [...new Set([...mine.memberships.map((m) => m.id), ...mine.agentFor.map((a) => a.id)])];
    const rows = orgIds.length
      ? await ctx.db.certificate.findMany({
          where: { subscriberOrganisationId: { in: orgIds } },
          orderBy: { createdAt: "desc" },
          take: 200,
          include: { objections: true, profile: { select: { code: true, nameZh: true, nameEn: true, renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true } }, updateNoticeTargets: OPEN_UPDATE_TARGETS },
        })
      : [];
    return {
      memberships: mine.memberships,
      agentFor: mine.agentFor,
      /** Authorisations whose letter the RA has not checked yet: shown, but they allow nothing. */
      awaitingCheck: mine.awaitingCheck,
      certificates: rows.map((c) => {
        const facts = certificateFacts(c);
        const state = deriveCertificateState(facts, ctx.now);
        return {
          id: c.id,
          organisationId: c.subscriberOrganisationId!,
          serialHex: c.serialHex,
          subjectDn: c.subjectDn,
          notAfter: c.notAfter,
          profile: { code: c.profile.code, nameZh: c.profile.nameZh, nameEn: c.profile.nameEn },
          status: state.status,
          can: allowedCertificateActions(facts, ctx.now),
        };
      }),
    };
  },
});
