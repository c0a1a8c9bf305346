import { getTranslations } from "next-intl/server";
import { SUBSCRIBER_REVOCATION_REASONS } from "@/domain/revocation";
import { KeyRevocation } from "./key-revocation";

/** The revocation card's "prove with the certificate's key" part, with its words (the picker's are the test page's). */
export async function KeyRevocationSection({ certificateId, applicationId }: { certificateId: string; applicationId: string | null }) {
  const [t, tp, e] = await Promise.all([getTranslations("certificatePage"), getTranslations("portalTestPage"), getTranslations("enums")]);
  return (
    <KeyRevocation
      certificateId={certificateId}
      applicationId={applicationId}
      // Key compromise first: proving control of the key is what that reason is most often about.
      reasons={[...SUBSCRIBER_REVOCATION_REASONS].sort((a, b) => Number(b === "KEY_COMPROMISE") - Number(a === "KEY_COMPROMISE")).map((r) => ({ value: r, label: e(`RevocationReason.${r}`) }))}
      labels={{
        title: t("keyRevocation.title"),
        intro: t("keyRevocation.intro"),
        browserKey: t("keyRevocation.browserKey"),
        noBrowserKey: t("keyRevocation.noBrowserKey"),
        reason: t("keyRevocation.reason"),
        button: t("keyRevocation.button"),
        working: t("working"),
        done: t("keyRevocation.done", { compliantAt: "{compliantAt}", dueAt: "{dueAt}" }),
        receipt: t("receipt"),
        p12: { legend: tp("p12.legend"), file: tp("p12.file"), password: tp("p12.password"), hint: tp("p12.hint"), wrongPassword: tp("p12.wrongPassword"), unreadable: tp("p12.unreadable") },
      }}
    />
  );
}
