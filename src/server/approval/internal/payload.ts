import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { canonicalJson } from "@/server/core";

/** The request's payload as stored: the validated input in canonical JSON (dates as ISO), so its hash is stable. */
export function storedPayload(parsed: unknown): Prisma.InputJsonValue {
  return JSON.parse(canonicalJson(parsed)) as Prisma.InputJsonValue;
}

/** SHA-256 of exactly what is agreed (the kind and the payload): named in every audit event of the request. */
export function payloadSha256(kind: string, payload: unknown): string {
  return createHash("sha256").update(canonicalJson({ kind, payload })).digest("hex");
}
