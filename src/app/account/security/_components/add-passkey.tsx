"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { startRegistration } from "@simplewebauthn/browser";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { TextField } from "@/components/ui/text-field";
import { passkeyRegistrationOptionsStep, registerPasskeyStep } from "../actions";
import { RecoveryCodeList } from "./recovery-codes";

/** Creates a passkey in the browser for a server-side challenge and registers it. */
export function AddPasskey() {
  const t = useTranslations("accountSecurity");
  const router = useRouter();
  const [name, setName] = useState(t("passkeyNameDefault"));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string; codes?: string[] | null } | null>(null);

  async function add() {
    setBusy(true);
    setOutcome(null);
    try {
      const options = await passkeyRegistrationOptionsStep(undefined);
      if (options.status !== "done") return setOutcome({ tone: "error", text: options.message });
      let answer;
      try {
        answer = await startRegistration({ optionsJSON: options.data.options });
      } catch {
        return setOutcome({ tone: "error", text: t("passkeyCancelled") });
      }
      const saved = await registerPasskeyStep({ challengeId: options.data.challengeId, response: JSON.stringify(answer), name });
      if (saved.status !== "done") return setOutcome({ tone: "error", text: saved.message });
      setOutcome({ tone: "success", text: t("passkeyDone"), codes: saved.data.recoveryCodes });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-3">
      {outcome ? <Alert tone={outcome.tone}>{outcome.text}</Alert> : null}
      {outcome?.codes ? <RecoveryCodeList codes={outcome.codes} /> : null}
      <TextField id="passkey-name" label={t("passkeyNameLabel")} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      <button type="button" className={buttonClass.secondary} disabled={busy || !name.trim()} onClick={() => void add()}>
        {busy ? t("passkeyAdding") : t("passkeyAdd")}
      </button>
    </div>
  );
}
