"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { removeApplicationDocumentAction } from "../actions";
import { EditorForm } from "./editor-form";

export interface EditorDocument {
  id: string;
  kind: string;
  fileName: string;
  sniffedType: string;
  size: number;
  /** Formatted on the server, in the reader's language and time zone. */
  uploadedAt: string;
}

type Upload = { state: "uploading" | "done" | "error"; fileName: string; message?: string };

/**
 * The documents of an application the applicant still holds: each with "remove", and one file
 * field per kind the profile needs (and "other"), posting to the wizard's upload route
 * (/apply/documents): the same limits, the same sniffing, the same refusal words. After each
 * change the page is refreshed, so the list and the version the other forms carry are current.
 */
export function DocumentEditor({
  applicationId,
  version,
  documents,
  uploadKinds,
  missingKinds,
  maxMb,
}: {
  applicationId: string;
  version: number;
  documents: EditorDocument[];
  uploadKinds: string[];
  missingKinds: string[];
  maxMb: number;
}) {
  const t = useTranslations("applicationPage.editor");
  const e = useTranslations("enums");
  const router = useRouter();
  const [uploads, setUploads] = useState<Record<string, Upload>>({});
  const kindName = (k: string) => e(`DocumentKind.${k}` as "DocumentKind.OTHER");

  async function upload(kind: string, file: File) {
    setUploads((u) => ({ ...u, [kind]: { state: "uploading", fileName: file.name } }));
    const form = new FormData();
    form.set("applicationId", applicationId);
    form.set("kind", kind);
    form.set("file", file);
    try {
      const res = await fetch("/apply/documents", { method: "POST", body: form });
      if (res.ok) {
        setUploads((u) => ({ ...u, [kind]: { state: "done", fileName: file.name } }));
        router.refresh();
        return;
      }
      // The route answers a refusal with the catalog's words (type judged by content, size, empty file).
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setUploads((u) => ({ ...u, [kind]: { state: "error", fileName: file.name, message: body?.error?.message ?? t("uploadFailed") } }));
    } catch {
      setUploads((u) => ({ ...u, [kind]: { state: "error", fileName: file.name, message: t("uploadFailed") } }));
    }
  }

  return (
    <div className="space-y-4">
      {documents.length === 0 ? <p className="text-slate-700">{t("noDocuments")}</p> : null}
      <ul className="divide-y divide-slate-100" data-testid="editor-documents">
        {documents.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center justify-between gap-3 py-2" data-testid="editor-document" data-kind={d.kind} data-document-id={d.id}>
            <span className="min-w-0 break-all text-sm">
              <span className="font-medium">{kindName(d.kind)}</span> · {d.fileName}
              <span className="block text-slate-600">
                {d.sniffedType} · {Math.ceil(d.size / 1024)} KB · {t("uploadedAt", { at: d.uploadedAt })}
              </span>
            </span>
            <EditorForm
              action={removeApplicationDocumentAction}
              applicationId={applicationId}
              version={version}
              submitLabel={t("remove")}
              pendingLabel={t("removing")}
              variant="secondary"
              testId={`remove-document-${d.id}`}
            >
              <input type="hidden" name="documentId" value={d.id} />
            </EditorForm>
          </li>
        ))}
      </ul>
      {missingKinds.length > 0 ? (
        <p className="font-medium text-amber-900" data-testid="documents-missing">
          {t("missing", { list: missingKinds.map(kindName).join(t("listSeparator")) })}
        </p>
      ) : null}
      <h3 className="font-semibold">{t("uploadTitle")}</h3>
      <p className="text-sm text-slate-700">{t("uploadIntro", { mb: maxMb })}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {uploadKinds.map((kind) => {
          const u = uploads[kind];
          return (
            <div key={kind} className="rounded-md border border-slate-300 p-3" data-testid={`upload-zone-${kind}`}>
              <label htmlFor={`upload-${kind}`} className="block font-medium">
                {t("uploadKind", { kind: kindName(kind) })}
              </label>
              <input
                id={`upload-${kind}`}
                type="file"
                accept="image/jpeg,image/png,application/pdf"
                disabled={u?.state === "uploading"}
                onChange={(ev) => {
                  const f = ev.target.files?.[0];
                  ev.target.value = "";
                  if (f) void upload(kind, f);
                }}
                className="mt-2 block w-full text-sm"
              />
              {u ? (
                u.state === "error" ? (
                  <p role="alert" data-alert="error" className="mt-2 text-sm font-medium text-red-800" data-testid={`upload-error-${kind}`}>
                    {u.message}
                  </p>
                ) : (
                  <p role="status" className="mt-2 text-sm text-slate-700" data-testid={`upload-state-${kind}`} data-state={u.state}>
                    {u.state === "uploading" ? t("uploading", { name: u.fileName }) : t("uploaded", { name: u.fileName })}
                  </p>
                )
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
