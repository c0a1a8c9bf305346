import type { PrismaClient } from "@/generated/prisma/client";
import type { ServiceContext } from "@/server/core";
import { getCaService, type CaService } from "./ca-service";

/**
 * The one wiring place: every ServiceContext (requests, jobs, the CLI, the start, test fixtures)
 * is built here, so the CA reaches use cases through `ctx.ca()` and nothing else fishes it from
 * the process-wide registry. The CA is opened lazily, once per database client.
 */
export function wireContext(parts: Omit<ServiceContext, "ca">): ServiceContext {
  return { ...parts, ca: caOf(parts.db) };
}

/** For code that has a database but no actor (PKI routes, sweeps): the same lazily opened CA. */
export function caOf(db: PrismaClient): () => Promise<CaService> {
  return () => getCaService(db);
}
