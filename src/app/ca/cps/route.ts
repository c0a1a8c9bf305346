import { settings } from "@/config/settings";

export const dynamic = "force-dynamic";

/**
 * The CPS pointer every certificate carries (certificatePolicies, /pki/cps). A CA that publishes
 * its certification practice statement elsewhere names it in CPS_URL; otherwise the pointer lands
 * on the repository's policies section, which lists each policy OID with its profile.
 */
export function GET(): Response {
  const target = settings().ca.cpsUrl ?? "/repository#policies";
  return new Response(null, { status: 302, headers: { location: target, "cache-control": "public, max-age=3600" } });
}
