import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Field, Input } from "@/components/console/field";
import { Card } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { deactivateProcessorAction, reactivateProcessorAction, updateProcessorAction } from "../actions";
import type { ProcessorRow } from "./register-tables";

/**
 * The administrator's actions on one processor row: end or resume the relationship, and a link
 * that opens the edit form (one at a time, below the table, so the page never holds a second set
 * of fields labelled like the register form's).
 */
export async function ProcessorRowActions({ processor: p, editHref }: { processor: ProcessorRow; editHref: string }) {
  const [t, r] = await Promise.all([getTranslations("console.privacy"), getTranslations("privacyRegister.processor")]);
  return (
    <div className="space-y-2" data-testid="processor-actions">
      <form action={p.active ? deactivateProcessorAction : reactivateProcessorAction}>
        <input type="hidden" name="processorId" value={p.id} />
        <SubmitButton pendingLabel={t("working")} variant="secondary">{p.active ? r("deactivate") : r("reactivate")}</SubmitButton>
      </form>
      {/* Named with the processor for screen readers (an sr-only span would sit outside the scrolling table and widen the page on a phone). */}
      <Link href={editHref} aria-label={`${r("edit")} ${p.name}`} className="inline-block text-sm font-medium underline" data-testid="processor-edit-link">
        {r("edit")}
      </Link>
    </div>
  );
}

/** The edit form of one processor; every field is sent, the use case stores (and audits) only what differs. */
export async function ProcessorEditForm({ processor: p, cancelHref }: { processor: ProcessorRow; cancelHref: string }) {
  const [t, r] = await Promise.all([getTranslations("console.privacy"), getTranslations("privacyRegister.processor")]);
  return (
    <Card title={r("editTitle", { name: p.name })} headingLevel={3} id="processor-edit">
      <form action={updateProcessorAction} className="space-y-2" data-testid="processor-edit" data-name={p.name}>
        <input type="hidden" name="processorId" value={p.id} />
        <Field id="pe-name" label={t("pName")}><Input id="pe-name" name="name" required maxLength={200} defaultValue={p.name} /></Field>
        <Field id="pe-purpose" label={t("pPurpose")}><Input id="pe-purpose" name="purpose" required maxLength={1000} defaultValue={p.purpose} /></Field>
        <Field id="pe-categories" label={t("pCategories")}><Input id="pe-categories" name="dataCategories" required defaultValue={p.dataCategories.join("，")} /></Field>
        <Field id="pe-location" label={t("pLocation")}><Input id="pe-location" name="location" maxLength={200} defaultValue={p.location ?? ""} /></Field>
        <Field id="pe-contact" label={t("pContact")}><Input id="pe-contact" name="contact" maxLength={500} defaultValue={p.contact ?? ""} /></Field>
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pendingLabel={t("working")} variant="secondary">{r("save")}</SubmitButton>
          <Link href={cancelHref} className="text-sm font-medium underline">{r("cancel")}</Link>
        </div>
      </form>
    </Card>
  );
}
