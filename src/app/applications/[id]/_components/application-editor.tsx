import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/i18n/format";
import type { getApplication } from "@/server/application/get-application";
import { INFO_RESPONSE_MAX } from "@/server/application/resubmit-application";
import { maxDocumentBytes } from "@/server/document/document-limits";
import { CancelForm } from "./cancel-form";
import { DetailsForm, type EditableDetails } from "./details-form";
import { DocumentEditor } from "./document-editor";
import { KeyStep } from "./key-step";
import { SendForm } from "./send-form";

type Application = Awaited<ReturnType<typeof getApplication>>;

/**
 * The applicant's editor, rendered from what the application's state allows (`app.can`, the
 * domain's allowedApplicationActions): documents and details while it may be edited (a draft, or
 * sent back for more information: any kind, so a change application's draft too), submit or
 * resubmit with the declarations, and withdraw. What it does not allow is not offered at all.
 */
export async function ApplicationEditor({ app }: { app: Application }) {
  const [t, locale, messages] = await Promise.all([getTranslations("applicationPage.editor"), getLocale(), getMessages()]);
  // The client forms get only the words they use (the layout sends a few common namespaces).
  const page = messages.applicationPage as Record<string, unknown>;
  const wizard = messages.applyWizard as Record<string, unknown>;
  const enums = messages.enums as Record<string, unknown>;
  const clientMessages = {
    applicationPage: { editor: page.editor },
    applyWizard: { declaration: wizard.declaration, keyMode: wizard.keyMode, keyProgress: wizard.keyProgress, keyFailed: wizard.keyFailed, generateKey: wizard.generateKey, sendCsr: wizard.sendCsr, browserKeyAlgorithm: wizard.browserKeyAlgorithm },
    usageScopeKind: messages.usageScopeKind,
    enums: { DocumentKind: enums.DocumentKind },
  } as typeof messages;
  const { can } = app;
  const present = new Set(app.documents.map((d) => d.kind));
  const mode = can.resubmit.ok ? "resubmit" : can.submit.ok ? "submit" : null;
  // A draft left before the wizard's key step: the key (or a CSR) first, since it can be attached only while editable.
  const needsKey = app.status === "DRAFT" && app.keyGeneration === "CLIENT_CSR" && !app.hasCsr;
  return (
    <NextIntlClientProvider messages={clientMessages}>
      {can.edit.ok ? (
        <>
          <Card title={t("documentsTitle")} id="edit-documents">
            <DocumentEditor
              applicationId={app.id}
              version={app.version}
              documents={app.documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName, sniffedType: d.sniffedType, size: d.size, uploadedAt: formatDateTime(d.createdAt, locale) }))}
              uploadKinds={[...new Set([...app.editor.requiredDocuments, "OTHER"])]}
              missingKinds={app.editor.requiredDocuments.filter((k) => !present.has(k))}
              maxMb={Math.round(maxDocumentBytes() / 1048576)}
            />
          </Card>
          <Card title={t("detailsTitle")} id="edit-details">
            <DetailsForm
              applicationId={app.id}
              version={app.version}
              details={editableDetails(app.subjectDetails)}
              usageScopeKinds={app.editor.usageScopeKinds}
              // Clause 1.5's scope is an organisation's to name; a private person is not asked (issue 15), unless one was given.
              asksUsageScope={app.editor.needsUsageScope || editableDetails(app.subjectDetails).usageScopeName !== ""}
              needsSealName={app.editor.needsSealName}
              allowsDepartment={app.editor.allowsDepartment}
            />
          </Card>
        </>
      ) : null}
      {needsKey ? (
        <Card title={t("keyTitle")} id="key">
          <KeyStep applicationId={app.id} keyAlgorithm={app.editor.browserKeyAlgorithm} />
        </Card>
      ) : null}
      {mode ? (
        <Card title={mode === "resubmit" ? t("sendTitleResubmit") : t("sendTitleSubmit")} id="send">
          {needsKey ? (
            <p className="text-slate-700" data-testid="key-first">
              {t("keyFirst")}
            </p>
          ) : (
            <SendForm
              applicationId={app.id}
              version={app.version}
              mode={mode}
              // A draft's fee is copied at submission; once submitted it is the one on the application.
              feeYuan={mode === "submit" && app.profile.feeCents > 0 ? (app.profile.feeCents / 100).toFixed(2) : null}
              answerMax={INFO_RESPONSE_MAX}
            />
          )}
        </Card>
      ) : null}
      {can.cancel.ok ? (
        <Card title={t("cancelTitle")} id="cancel">
          <CancelForm applicationId={app.id} version={app.version} />
        </Card>
      ) : null}
    </NextIntlClientProvider>
  );
}

/** The stored subject details as the form's text fields (anything missing is empty). */
function editableDetails(stored: unknown): EditableDetails {
  const d = (typeof stored === "object" && stored !== null ? stored : {}) as Record<string, unknown>;
  const scope = (typeof d.usageScope === "object" && d.usageScope !== null ? d.usageScope : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    country: text(d.country) || "CN",
    province: text(d.province),
    city: text(d.city),
    department: text(d.department),
    sealName: text(d.sealName),
    usageScopeKind: text(scope.kind),
    usageScopeName: text(scope.name),
    includeEmail: typeof d.includeEmail === "boolean" ? String(d.includeEmail) : "",
  };
}
