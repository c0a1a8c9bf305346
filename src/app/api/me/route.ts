import { withRole } from "@/server/web/guards";

export const dynamic = "force-dynamic";

/** Who the session belongs to: id and roles only (401 without a session). */
export const GET = withRole("signed-in", async (_req, { user }) =>
  Response.json({ id: user.id, roles: user.roles, locale: user.locale }, { headers: { "cache-control": "no-store" } }),
);
