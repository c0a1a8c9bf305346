// Shared fixtures for the application-area tests: files of each accepted type built by hand,
// valid identity numbers computed with the domain's checksum functions, and actor contexts.
import { deflateSync, crc32 } from "node:zlib";
import { residentIdCheckChar, usccCheckChar } from "@/domain/identity";
import type { Role } from "@/generated/prisma/client";
import type { Clock, ServiceContext } from "@/server/core/context";
import type { Database } from "../support/test-db";

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 1x1 greyscale PNG. */
export function pngBytes(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from([0, 0x80]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** SOI, an APP0/JFIF segment, filler and EOI: the structure the sniffer checks. */
export function jpegBytes(seed = 1): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.alloc(64, seed), Buffer.from([0xff, 0xd9])]);
}

export function pdfBytes(text = "scan"): Buffer {
  return Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");
}

/** A Windows executable's first bytes ("MZ" header), as a renamed .exe would start. */
export function exeBytes(): Buffer {
  return Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "latin1"), Buffer.alloc(200, 0x41)]);
}

/** A valid 18-digit resident ID (Beijing, born 1990-05-17). */
export function residentId(seq = "123"): string {
  const first17 = `11010519900517${seq}`;
  return first17 + residentIdCheckChar(first17);
}

export function uscc(body = "91310115MA1K4"): string {
  const first17 = (body + "0000000000000000").slice(0, 17);
  return first17 + usccCheckChar(first17);
}

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
      return { db: db.prisma, clock, actor: { userId: ids[name]!, roles: roles[name]! }, meta: { ip: "198.51.100.4", userAgent: "vitest" } };
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
