// Shared fixtures for the application-area tests: files of each accepted type built by hand and
// valid identity numbers (both shared with the browser-test seeds, in src/testing/fixtures), and
// actor contexts.
import { caOf } from "@/server/ca-service/wire-context";
import type { Role } from "@/generated/prisma/client";
import type { Clock, ServiceContext } from "@/server/core/context";
import type { Database } from "../support/test-db";

export { exeBytes, jpegBytes, pdfBytes, pngBytes } from "@/testing/fixtures/sample-files";
export { residentId, uscc } from "@/testing/fixtures/identity-numbers";

/** Subject details every application needs: the clause 1.5 usage scope (a platform suits every profile). */
export const SD = { country: "CN", usageScope: { kind: "平台" as const, name: "示例电子合同平台" } };

export const ALL_DECLARATIONS = {
  truthfulCompleteLawful: true,
  copiesMatchOriginals: true,
  consentToElectronicSignatureUse: true,
  consentToCertificateQuery: true,
} as const;

export function actors(db: Database, clock: Clock) {
  const ids: Record<string, string> = {};
  const roles: Record<string, Role[]> = {};
  return {
    ids,
    async make(name: string, r: Role[], extra: { registrationAuthorityId?: string } = {}) {
      const u = await db.prisma.user.create({ data: { email: `${name}@example.test`, passwordHash: "x", roles: r, emailVerifiedAt: clock.now(), ...extra } });
      ids[name] = u.id;
      roles[name] = r;
      return u.id;
    },
    as(name: string): ServiceContext {
      return { db: db.prisma, ca: caOf(db.prisma), clock, actor: { userId: ids[name]!, roles: roles[name]! }, meta: { ip: "198.51.100.4", userAgent: "vitest" } };
    },
  };
}

export async function expectCode(p: Promise<unknown>, code: string): Promise<void> {
  let result: unknown;
  try {
    result = await p;
  } catch (e) {
    const got = (e as { code?: string }).code;
    if (got === code) return;
    throw new Error(`expected ${code}, got ${got ?? String(e)}`, { cause: e });
  }
  throw new Error(`expected ${code}, but it succeeded: ${JSON.stringify(result)?.slice(0, 200)}`);
}
