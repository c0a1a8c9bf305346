import { type Tx, domainError } from "@/server/core";

/**
 * The RA that takes a new application: the one the subscriber chose, if it is active, otherwise
 * the longest-serving active RA (the head office one on a default installation).
 */
export async function assignableRegistrationAuthority(tx: Tx, requestedId?: string | null): Promise<{ id: string; name: string }> {
  if (requestedId) {
    const ra = await tx.registrationAuthority.findUnique({ where: { id: requestedId }, select: { id: true, name: true, status: true } });
    if (!ra) throw domainError("NOT_FOUND", { field: "registrationAuthorityId" });
    if (ra.status !== "ACTIVE") throw domainError("RA_NOT_ACTIVE", { field: "registrationAuthorityId" });
    return { id: ra.id, name: ra.name };
  }
  const ra = await tx.registrationAuthority.findFirst({
    where: { status: "ACTIVE" },
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
  if (!ra) throw domainError("RA_NONE_ACTIVE");
  return ra;
}
