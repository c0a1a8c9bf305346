"use client";

import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui/styles";
import { updateApplicationDetailsAction } from "../actions";
import { EditorForm } from "./editor-form";

export interface EditableDetails {
  country: string;
  province: string;
  city: string;
  department: string;
  sealName: string;
  usageScopeKind: string;
  usageScopeName: string;
  /** "true" / "false" / "" (not set): carried over unchanged, the form does not ask it again. */
  includeEmail: string;
}

/**
 * The subject details the applicant typed (updateApplicationDetails), pre-filled. Names and codes
 * are not here: they come from the verified identity or the organisation (subject-details.ts).
 */
export function DetailsForm({
  applicationId,
  version,
  details,
  usageScopeKinds,
  asksUsageScope,
  needsSealName,
  allowsDepartment,
}: {
  applicationId: string;
  version: number;
  details: EditableDetails;
  usageScopeKinds: string[];
  asksUsageScope: boolean;
  needsSealName: boolean;
  allowsDepartment: boolean;
}) {
  const t = useTranslations("applicationPage.editor");
  const u = useTranslations("usageScopeKind");
  const field = (name: keyof EditableDetails, label: string, typed: Record<string, string>, required = false) => (
    <div className="space-y-1">
      <label htmlFor={`details-${name}`} className="block font-medium text-slate-800">
        {label}
      </label>
      <input id={`details-${name}`} name={name} defaultValue={typed[name] ?? details[name]} maxLength={name === "usageScopeName" ? 100 : 64} required={required} className={inputClass} />
    </div>
  );
  return (
    <EditorForm
      action={updateApplicationDetailsAction}
      applicationId={applicationId}
      version={version}
      submitLabel={t("saveDetails")}
      pendingLabel={t("saving")}
      doneLabel={t("detailsSaved")}
      variant="secondary"
      testId="details-form"
    >
      {(typed) => (
        <>
          <input type="hidden" name="country" value={details.country} />
          <input type="hidden" name="includeEmail" value={details.includeEmail} />
          <div className="grid gap-3 sm:grid-cols-2">
            {field("province", t("province"), typed)}
            {field("city", t("city"), typed)}
            {allowsDepartment ? field("department", t("department"), typed) : null}
            {needsSealName ? field("sealName", t("sealName"), typed, true) : null}
            {asksUsageScope ? (
            <div className="space-y-1">
              <label htmlFor="details-usageScopeKind" className="block font-medium text-slate-800">
                {t("usageScopeKind")}
              </label>
              <select id="details-usageScopeKind" name="usageScopeKind" defaultValue={typed.usageScopeKind ?? details.usageScopeKind} className={inputClass}>
                {usageScopeKinds.map((k) => (
                  <option key={k} value={k}>
                    {u.has(k) ? u(k) : k}
                  </option>
                ))}
              </select>
            </div>
            ) : null}
            {asksUsageScope ? field("usageScopeName", t("usageScopeName"), typed, true) : null}
          </div>
        </>
      )}
    </EditorForm>
  );
}
