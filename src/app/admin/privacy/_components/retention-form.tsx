import { getTranslations } from "next-intl/server";
import { Field, Input } from "@/components/console/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { setRetentionPolicyAction } from "../actions";

/**
 * The retention period from the CPS. No min/max in the browser: the use case decides the bounds
 * (the law's five years) and its refusal, with the reason, comes back on the page.
 */
export async function RetentionForm({ years, days }: { years: number; days: number }) {
  const [t, r] = await Promise.all([getTranslations("console.privacy"), getTranslations("privacyRegister.retention")]);
  return (
    <form action={setRetentionPolicyAction} className="mt-4 grid gap-3 sm:grid-cols-2" data-testid="retention-form">
      <Field id="retention-years" label={r("years")}>
        <Input id="retention-years" name="certificateYearsAfterExpiry" type="number" step={1} inputMode="numeric" required defaultValue={years} />
      </Field>
      <Field id="retention-days" label={r("days")}>
        <Input id="retention-days" name="signInAttemptDays" type="number" step={1} inputMode="numeric" required defaultValue={days} />
      </Field>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel={t("working")} variant="secondary">{r("save")}</SubmitButton>
      </div>
    </form>
  );
}
