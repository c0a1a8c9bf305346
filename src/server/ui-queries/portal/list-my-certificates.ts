import { z } from "zod";
import { deriveCertificateState } from "@/domain/certificate";
import { certificateFacts } from "@/server/certificate/certificate-facts";
import { defineQuery } from "@/server/core/use-case";

/**
 * The certificates the signed-in person holds themselves, with the state the domain derives and
 * the next deadline that matters to them (test window, expiry). Organisation certificates an agent
 * acts for are listed on the agent page.
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
      include: { objections: true, profile: { select: { code: true, nameZh: true, nameEn: true } } },
    });
    return rows.map((c) => {
      const state = deriveCertificateState(certificateFacts(c), ctx.now);
      const deadline =
        state.status === "IN_TEST_WINDOW" && c.testWindowDeadline
          ? { kind: "testWindow" as const, at: c.testWindowDeadline }
          : state.usable
            ? { kind: "expiry" as const, at: c.notAfter }
            : null;
      return {
        id: c.id,
        serialHex: c.serialHex,
        subjectDn: c.subjectDn,
        notBefore: c.notBefore,
        notAfter: c.notAfter,
        profile: c.profile,
        status: state.status,
        usable: state.usable,
        deadline,
      };
    });
  },
});
