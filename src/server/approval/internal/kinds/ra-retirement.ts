import { TERMINAL_APPLICATION_STATUSES } from "@/domain/application";
import { domainError } from "@/server/core";
import { retireRegistrationAuthority, retireRegistrationAuthorityInput } from "@/server/ra";
import { approvable } from "../approvable";

/** Merging or closing an RA moves its open applications to the successor: the approver sees both and how many move. */
export const raRetirement = approvable({
  kind: "RA_RETIREMENT",
  input: retireRegistrationAuthorityInput,
  run: retireRegistrationAuthority,
  async describe(tx, input) {
    const [ra, successor] = await Promise.all(
      [input.registrationAuthorityId, input.successorId].map((id) => tx.registrationAuthority.findUnique({ where: { id }, select: { name: true, status: true } })),
    );
    if (!ra || !successor) throw domainError("NOT_FOUND");
    const openApplications = await tx.application.count({ where: { registrationAuthorityId: input.registrationAuthorityId, status: { notIn: [...TERMINAL_APPLICATION_STATUSES] } } });
    return {
      facts: { registrationAuthority: ra.name, successor: successor.name, openApplications },
      changes: { raStatus: { from: ra.status, to: input.status } },
    };
  },
});
