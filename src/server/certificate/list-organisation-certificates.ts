import { z } from "zod";
import { allowedCertificateActions, deriveCertificateState } from "@/domain/certificate";
import { OPEN_UPDATE_TARGETS, certificateFacts } from "@/server/shared";
import { defineQuery } from "@/server/core";
import { listMyOrganisations } from "@/server/organisation";

/** Certificates per page of the agent's list: an organisation may hold thousands. */
export const ORGANISATION_CERTIFICATES_PAGE_SIZE = 50;

export const listOrganisationCertificatesInput = z.object({
  /** 1-based; a page past the last shows the last. */
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

/**
 * For the agent page: the organisations the actor may act for now (as a member or an agent with an
 * authorisation in force) and those organisations' certificates with their derived state and what
 * that state allows (`can`: renewal only once accepted and inside the profile's renewal window, as
 * the renewal use case requires), one page at a time with the total.
 */
export const listOrganisationCertificates = defineQuery({
  name: "portal.agent.organisation-certificates",
  input: listOrganisationCertificatesInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const mine = await listMyOrganisations(ctx, {});
    const orgIds = [...new Set([...mine.memberships.map((m) => m.id), ...mine.agentFor.map((a) => a.id)])];
    const where = { subscriberOrganisationId: { in: orgIds } };
    const size = ORGANISATION_CERTIFICATES_PAGE_SIZE;
    // Newest first, id as the tie-break so that a page boundary never repeats or skips a certificate.
    const order = [{ createdAt: "desc" as const }, { id: "desc" as const }];
    // The page's ids come from the index alone (Certificate(subscriberOrganisationId, createdAt, id):
    // an index-only scan serves the order and the offset); only those 50 rows are then read whole.
    // Reading whole rows with the offset made page 50 visit the 2,450 rows before it.
    const idsOf = (page: number) => ctx.db.certificate.findMany({ where, orderBy: order, skip: (page - 1) * size, take: size, select: { id: true } });
    // The count and the asked-for page at once; a page past the last (rare) is read again as the last.
    const [total, asked] = orgIds.length ? await Promise.all([ctx.db.certificate.count({ where }), idsOf(input.page)]) : [0, []];
    const pages = Math.max(1, Math.ceil(total / size));
    const page = Math.min(input.page, pages);
    const ids = page === input.page ? asked : await idsOf(page);
    const rows = ids.length
      ? await ctx.db.certificate.findMany({
          where: { id: { in: ids.map((r) => r.id) } },
          orderBy: order,
          // The certificate's own bytes are not shown here.
          omit: { der: true, subjectDer: true, pkcs12: true },
          include: { objections: true, profile: { select: { code: true, nameZh: true, nameEn: true, renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true } }, updateNoticeTargets: OPEN_UPDATE_TARGETS },
        })
      : [];
    return {
      memberships: mine.memberships,
      agentFor: mine.agentFor,
      /** Authorisations whose letter the RA has not checked yet: shown, but they allow nothing. */
      awaitingCheck: mine.awaitingCheck,
      page: { number: page, size, total, pages },
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
