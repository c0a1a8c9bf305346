// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { getDatabase } from "@/db";
import { publishNewAgreement, seedOrganisationCertificate } from "@/testing/e2e/organisation-seed";

type Body =
  | { action: "organisation-certificate"; agentEmail: string; officerEmail: string; name: string }
  | { action: "publish-agreement"; adminEmail: string };

/** Seeds what the organisation journeys start from (see src/testing/e2e/organisation-seed.ts). */
export async function POST(req: Request) {
  const body = (await req.json()) as Body;
  const db = (await getDatabase()).prisma;
  try {
    switch (body.action) {
      case "organisation-certificate":
        return Response.json(await seedOrganisationCertificate(db, body));
      case "publish-agreement":
        return Response.json(await publishNewAgreement(db, body));
    }
  } catch (e) {
    return Response.json({ error: String(e), details: (e as { details?: unknown }).details ?? null }, { status: 500 });
  }
  return Response.json({ error: "unknown action" }, { status: 400 });
}
