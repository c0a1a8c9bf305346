import { caOf } from "@/server/ca-service/wire-context";
import type { Database } from "../support/test-db";
import { fixedClock, type ServiceContext } from "@/server/core/context";

export function makeCtx(db: Database, start = new Date("2026-11-24T14:00:00Z"), ip = "203.0.113.7") {
  const clock = fixedClock(start);
  const ctx = (over: Partial<ServiceContext> = {}): ServiceContext => ({
    db: db.prisma,
    ca: caOf(db.prisma),
    clock,
    actor: null,
    meta: { ip, userAgent: "vitest" },
    ...over,
  });
  return { clock, ctx };
}

/** The token in the newest mail of a template to an address, as the recipient would read it from the link. */
export async function tokenFromOutbox(db: Database, to: string, template: string): Promise<string> {
  const n = await db.prisma.notification.findFirstOrThrow({ where: { toAddress: to, template }, orderBy: { createdAt: "desc" } });
  const path = (n.payload as { path?: string }).path ?? "";
  const token = new URL(path, "http://x").searchParams.get("token");
  if (!token) throw new Error(`no token in ${template} mail`);
  return token;
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    if ((e as { code?: string }).code === code) return;
    throw new Error(`expected ${code}, got ${(e as { code?: string }).code ?? String(e)}`);
  }
  throw new Error(`expected ${code}, but it succeeded`);
}
