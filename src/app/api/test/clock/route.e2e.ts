// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { getDatabase } from "@/db";
import { requestClock } from "@/server/core/request-clock";
import { setTestClockOffset } from "@/testing/e2e/test-clock";

export async function GET() {
  const db = await getDatabase();
  return Response.json({ now: (await requestClock(db.prisma)).now().toISOString() });
}

/** Body: `{ "at": ISO instant }` to stand at that instant, or `{ "offsetMs": n }`. */
export async function POST(req: Request) {
  const body = (await req.json()) as { at?: string; offsetMs?: number };
  const offset = typeof body.at === "string" ? new Date(body.at).getTime() - Date.now() : Number(body.offsetMs ?? 0);
  if (!Number.isFinite(offset)) return Response.json({ error: "bad clock" }, { status: 400 });
  const db = await getDatabase();
  await setTestClockOffset(db.prisma, Math.round(offset));
  return Response.json({ now: (await requestClock(db.prisma)).now().toISOString() });
}
