import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";

/** What an update notice's selection can name: the profiles and the issuing CAs. */
export const updateNoticeOptions = defineQuery({
  name: "console.update-notice-options",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const [profiles, cas] = await Promise.all([
      ctx.db.certificateProfile.findMany({ orderBy: { code: "asc" }, select: { code: true, nameZh: true, nameEn: true } }),
      ctx.db.issuingCa.findMany({ where: { role: "ISSUING" }, orderBy: { name: "asc" }, select: { id: true, name: true, subjectDn: true } }),
    ]);
    // A CA by its certificate's common name ("Demo Issuing CA EC 1"), not its internal key name.
    return { profiles, cas: cas.map((c) => ({ id: c.id, name: /(?:^|,\s*)CN=([^,]+)/.exec(c.subjectDn)?.[1] ?? c.name })) };
  },
});
