import type { Tx } from "@/server/core";
import { domainError } from "@/server/core";

/** The report under its row lock (two officers at once: the second sees the first's change), with its certificate. */
export async function loadReportLocked(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT "id" FROM "ProblemReport" WHERE "id" = ${id} FOR UPDATE`;
  const report = await tx.problemReport.findUnique({ where: { id }, include: { certificate: true } });
  if (!report) throw domainError("NOT_FOUND");
  return report;
}
