import { getTranslations } from "next-intl/server";
import { revokeByCaAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SubmitButton } from "@/components/ui/submit-button";
import { CA_REVOCATION_GROUNDS } from "@/domain/revocation";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("console.caRevocation"))("title") };
}

const HERE = "/admin/revocations";

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  await requireRole(...AREA_ROLES.admin);
  const sp = await searchParams;
  const t = await getTranslations("console.caRevocation");
  return (
    <div className="space-y-6" data-testid="admin-ca-revocation">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card>
        <form action={revokeByCaAction} className="space-y-3">
          <input type="hidden" name="back" value={HERE} />
          <Field id="serialHex" label={t("serial")}><Input id="serialHex" name="serialHex" required /></Field>
          <Field id="ground" label={t("ground")}>
            <Select id="ground" name="ground">
              {CA_REVOCATION_GROUNDS.map((g) => (
                <option key={g} value={g}>{t(`grounds.${g}`)}</option>
              ))}
            </Select>
          </Field>
          <Field id="explanation" label={t("explanation")}><TextArea id="explanation" name="explanation" required minLength={10} /></Field>
          <SubmitButton pendingLabel={t("working")}>{t("revoke")}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
