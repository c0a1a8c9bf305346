import { getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireArea } from "@/server/web/guards";
import { requestKeyRecoveryAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("console.keyRecovery"))("title") };
}

const HERE = "/admin/key-recovery";

/** The request form of a judicial key recovery (dual control: another administrator approves). */
export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  await requireArea("admin");
  const sp = await searchParams;
  const t = await getTranslations("console.keyRecovery");
  return (
    <div className="space-y-6" data-testid="admin-key-recovery">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card title={t("request")}>
        <form action={requestKeyRecoveryAction} className="space-y-3" data-testid="key-recovery-form">
          <Field id="certificateId" label={t("certificateId")}>
            <Input id="certificateId" name="certificateId" required maxLength={36} spellCheck={false} />
          </Field>
          <Field id="legalBasis" label={t("legalBasis")}>
            <Input id="legalBasis" name="legalBasis" required maxLength={500} placeholder={t("legalBasisExample")} />
          </Field>
          <Field id="recipientPublicKey" label={t("recipientPublicKey")}>
            <TextArea id="recipientPublicKey" name="recipientPublicKey" rows={8} required maxLength={8192} spellCheck={false} aria-describedby="recipient-help" />
          </Field>
          <p id="recipient-help" className="text-sm text-slate-700">{t("recipientHelp")}</p>
          <SubmitButton pendingLabel={t("working")}>{t("submit")}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
