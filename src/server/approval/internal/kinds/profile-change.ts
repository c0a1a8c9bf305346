import { setProfileCommercials, setProfileCommercialsInput } from "@/server/application";
import { domainError } from "@/server/core";
import { approvable } from "../approvable";

/** A profile's fee and availability (what new applicants pay and may choose): shown before and after. */
export const profileChange = approvable({
  kind: "PROFILE_CHANGE",
  input: setProfileCommercialsInput,
  run: setProfileCommercials,
  async describe(tx, input) {
    const p = await tx.certificateProfile.findUnique({ where: { code: input.code }, select: { nameZh: true, nameEn: true, feeCents: true, active: true } });
    if (!p) throw domainError("NOT_FOUND");
    return {
      facts: { profileCode: input.code, profileName: `${p.nameZh} / ${p.nameEn}` },
      changes: {
        feeYuan: { from: (p.feeCents / 100).toFixed(2), to: (input.feeCents / 100).toFixed(2) },
        active: { from: p.active, to: input.active },
      },
    };
  },
});
