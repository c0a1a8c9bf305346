import { z } from "zod";
import { isRaOfficer, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { ACCEPTANCE_CONTEXTS } from "./accept-agreement";
import { agreementSubjectOf } from "@/domain/agreement";
import { findCurrentAgreementVersion } from "./current-agreement";
import { activeAcceptanceOfSubject } from "./internal/subject-acceptance";

export const recordPaperAcceptanceInput = z.object({
  userId: z.string().uuid(),
  onBehalfOfOrganisationId: z.string().uuid().optional(),
  context: z.enum(ACCEPTANCE_CONTEXTS),
  method: z.enum(["PAPER_SIGNED", "PAPER_STAMPED"]),
  /** When the form was signed or stamped, as written on it; not in the future. */
  signedAt: z.coerce.date(),
  locale: z.enum(["zh-CN", "en"]),
});

/**
 * An RA officer records that the subscriber signed (or the organisation stamped) the current
 * agreement on a paper application form. The record names the officer; the acceptance time is
 * the one on the form.
 */
export const recordPaperAcceptance = defineUseCase({
  name: "agreement.record-paper-acceptance",
  input: recordPaperAcceptanceInput,
  authorize: isRaOfficer,
  async run(s, input) {
    if (input.signedAt.getTime() > s.now.getTime()) {
      throw domainError("VALIDATION_FAILED", { issues: { signedAt: ["IN_FUTURE"] } });
    }
    const current = await findCurrentAgreementVersion(s.tx, input.signedAt);
    if (!current) throw domainError("NOT_FOUND");
    const subscriber = await s.tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
    if (!subscriber) throw domainError("NOT_FOUND");
    const behalf = input.onBehalfOfOrganisationId ?? null;
    // Separation of duties: no officer records their own acceptance, nor their organisation's.
    await requireNotPartyToCase(s, { people: [subscriber.id], organisationId: behalf }, {
      decision: "agreement.record-paper-acceptance",
      subjectType: "User",
      subjectId: subscriber.id,
      onBehalfOfId: behalf,
    });
    // The subject's active acceptance, whatever its context, gives way (one acceptance rule), unless
    // it is of a newer version than this form: a form signed before a newer version came into force,
    // recorded late, must not mark the subscriber's acceptance of that newer version superseded. It
    // is then kept as evidence, recorded as superseded by the newer acceptance (the rule the
    // migration one_acceptance_per_subject applied: the highest version stays active).
    const found = await activeAcceptanceOfSubject(s.tx, agreementSubjectOf({ userId: input.userId, onBehalfOfOrganisationId: behalf }));
    const newer = found && found.version.version > current.version ? found : null;
    const previous = newer ? null : found;
    if (previous) await s.tx.agreementAcceptance.update({ where: { id: previous.id }, data: { supersededAt: s.now } });
    const acceptance = await s.tx.agreementAcceptance.create({
      data: {
        versionId: current.id,
        contentHash: current.contentHash,
        userId: input.userId,
        onBehalfOfOrganisationId: behalf,
        acceptedAt: input.signedAt,
        method: input.method,
        recordedById: s.actor!.userId,
        context: input.context,
        locale: input.locale,
        ip: s.meta.ip ?? null,
        userAgent: s.meta.userAgent ?? null,
        ...(newer ? { supersededAt: s.now, supersededById: newer.id } : {}),
      },
      select: { id: true },
    });
    if (previous) {
      await s.tx.agreementAcceptance.update({ where: { id: previous.id }, data: { supersededById: acceptance.id } });
    }
    s.audit({
      action: "agreement.paper-acceptance-recorded",
      subjectType: "AgreementAcceptance",
      subjectId: acceptance.id,
      onBehalfOfId: behalf,
      summary: { subscriberId: input.userId, version: current.version, method: input.method, context: input.context, signedAt: input.signedAt.toISOString() },
    });
    return { acceptanceId: acceptance.id, version: current.version };
  },
});
