// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { getDatabase } from "@/db";
import { seedSealCertificate } from "@/testing/e2e/seal-seed";

/** Seeds an organisation seal certificate for the test page's seal test (see src/testing/e2e/seal-seed.ts). */
export async function POST(req: Request) {
  const body = (await req.json()) as { subscriberEmail: string; officerEmail: string; csrPem: string; sealImageBase64?: string };
  try {
    const db = (await getDatabase()).prisma;
    const sealImage = body.sealImageBase64 ? Uint8Array.from(Buffer.from(body.sealImageBase64, "base64")) : undefined;
    return Response.json(await seedSealCertificate(db, { subscriberEmail: body.subscriberEmail, officerEmail: body.officerEmail, csrPem: body.csrPem, sealImage }));
  } catch (e) {
    return Response.json({ error: String(e) }, { status: 500 });
  }
}
