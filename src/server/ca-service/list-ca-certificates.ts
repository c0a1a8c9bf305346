import { z } from "zod";
import { caConfigFromEnv } from "@/server/ca-service/ca-config";
import { defineQuery } from "@/server/core";

/**
 * The repository page (clause 2.1): each active root and issuing CA with the URLs its certificate,
 * CRL shards and OCSP responder are published at (the same /pki URLs the CA writes into certificates),
 * and the certificate policies: the policy OID each profile writes into its certificates, which a
 * relying party reaches from the certificate's CPS pointer (/pki/cps).
 */
export const listCaCertificates = defineQuery({
  name: "portal.repository.list-cas",
  input: z.object({}),
  authorize: "public",
  async run(ctx) {
    const base = caConfigFromEnv().baseUrl.replace(/\/+$/, "");
    const rows = await ctx.db.issuingCa.findMany({
      where: { role: { in: ["ROOT", "ISSUING"] } },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      select: { name: true, role: true, algorithm: true, subjectDn: true, notBefore: true, notAfter: true, status: true, crlShardCount: true },
    });
    const profiles = await ctx.db.certificateProfile.findMany({
      where: { active: true },
      orderBy: [{ kind: "asc" }, { code: "asc" }],
      select: { code: true, nameZh: true, nameEn: true, kind: true, subjectType: true, policyOid: true, validityDays: true, usageScope: true },
    });
    return {
      policies: profiles,
      ocspUrl: `${base}/pki/ocsp`,
      tsaUrl: `${base}/pki/tsa`,
      cas: rows.map((r) => ({
        ...r,
        certificateUrl: `${base}/pki/ca/${r.name}.cer`,
        crlUrls: Array.from({ length: Math.max(1, r.crlShardCount) }, (_, i) => `${base}/pki/crl/${r.name}/${i}.crl`),
      })),
    };
  },
});
