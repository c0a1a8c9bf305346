import { getTranslations } from "next-intl/server";
import { Field, Input } from "@/components/console/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { deactivateProcessorAction, reactivateProcessorAction, updateProcessorAction } from "../actions";
import type { ProcessorRow } from "./register-tables";

/** The administrator's forms on one processor row: edit the entry, end or resume the relationship. */
export async function ProcessorEdit({ processor: p }: { processor: ProcessorRow }) {
  const [t, r] = await Promise.all([getTranslations("console.privacy"), getTranslations("privacyRegister.processor")]);
  const id = (name: string) => `pe-${name}-${p.id}`;
  return (
    <div className="space-y-2" data-testid="processor-actions">
      {p.active ? (
        <form action={deactivateProcessorAction}>
          <input type="hidden" name="processorId" value={p.id} />
          <SubmitButton pendingLabel={t("working")} variant="secondary">{r("deactivate")}</SubmitButton>
        </form>
      ) : (
        <form action={reactivateProcessorAction}>
          <input type="hidden" name="processorId" value={p.id} />
          <SubmitButton pendingLabel={t("working")} variant="secondary">{r("reactivate")}</SubmitButton>
        </form>
      )}
      <details data-testid="processor-edit">
        <summary className="cursor-pointer text-sm font-medium underline">{r("edit")}</summary>
        <form action={updateProcessorAction} className="mt-2 min-w-[16rem] space-y-2">
          <input type="hidden" name="processorId" value={p.id} />
          <Field id={id("name")} label={t("pName")}><Input id={id("name")} name="name" required maxLength={200} defaultValue={p.name} /></Field>
          <Field id={id("purpose")} label={t("pPurpose")}><Input id={id("purpose")} name="purpose" required maxLength={1000} defaultValue={p.purpose} /></Field>
          <Field id={id("categories")} label={t("pCategories")}><Input id={id("categories")} name="dataCategories" required defaultValue={p.dataCategories.join("，")} /></Field>
          <Field id={id("location")} label={t("pLocation")}><Input id={id("location")} name="location" maxLength={200} defaultValue={p.location ?? ""} /></Field>
          <Field id={id("contact")} label={t("pContact")}><Input id={id("contact")} name="contact" maxLength={500} defaultValue={p.contact ?? ""} /></Field>
          <SubmitButton pendingLabel={t("working")} variant="secondary">{r("save")}</SubmitButton>
        </form>
      </details>
      {p.active ? <p className="text-xs text-slate-600">{r("deactivateHint")}</p> : null}
    </div>
  );
}
