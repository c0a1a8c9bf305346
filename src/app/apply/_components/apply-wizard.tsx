"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type DragEvent } from "react";
import { useTranslations } from "next-intl";
import { acceptAgreementStep, attachCsrStep, chooseKeyGenerationStep, createApplicationStep, recordIdentityStep, submitStep } from "@/app/apply/actions";
import type { ActionResult } from "@/server/web/action-state";
import { saveKey } from "@/client/key-store";
import { AgreementDocumentView } from "@/components/portal/agreement-document";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { AgreementDocument } from "@/domain/agreement";
import { checkIdDocument, ID_DOCUMENT_TYPES, identityDocumentKinds, type IdDocumentType } from "@/domain/identity";

export interface WizardProfile {
  code: string;
  name: string;
  feeCents: number;
  validityDays: number;
  usageScopes: string[];
  /** Whether the profile lets the server make the key (clause 1.3, on request only). */
  serverKeyGeneration: boolean;
  /** A named person is in the certificate: the holder's identity is asked for. */
  needsHolderName: boolean;
  /** The seal's name must be typed (seal certificates). */
  needsSealName: boolean;
  allowsDepartment: boolean;
  /** Documents asked for up front (organisations); an individual's follow from the ID type. */
  documents: string[];
}

/** An organisation the user may apply for (administrator, or agent with a checked APPLY authorisation). */
export interface WizardOrganisation {
  id: string;
  name: string;
  unifiedSocialCreditCode: string;
  via: "ADMIN" | "AGENT";
  /** For an agent: the end of the authorisation, already formatted for the reader. */
  validUntil: string | null;
}

type ForWhom = "self" | "organisation";
const STEPS = ["profile", "identity", "agreement", "documents", "declarations", "fee", "key", "submit"] as const;
type Step = (typeof STEPS)[number];
const DECLARATIONS = ["truthfulCompleteLawful", "copiesMatchOriginals", "consentToElectronicSignatureUse", "consentToCertificateQuery"] as const;
const ACCEPTED_TYPES = ["image/jpeg", "image/png", "application/pdf"];
type Scope = "项目" | "系统" | "平台";
type KeyMode = "browser" | "csr" | "server";

interface Upload {
  kind: string;
  fileName: string;
  progress: number;
  state: "uploading" | "done" | "error";
  message?: string;
  previewUrl?: string;
}

/**
 * The apply wizard (issue 6). The steps are the order of the use cases: the agreement must be
 * accepted before a draft can exist, so it comes before the documents. Each step's server call
 * answers at once; nothing is sent before the subscriber moves on, and the private key never is.
 */
export function ApplyWizard({
  profiles: individualProfiles,
  organisationProfiles,
  organisations,
  notYet,
  agreement,
  maxDocumentBytes,
}: {
  profiles: WizardProfile[];
  organisationProfiles: WizardProfile[];
  organisations: WizardOrganisation[];
  /** Organisations the user is linked to but may not apply for yet, with why. */
  notYet: { id: string; name: string; why: "LETTER_NOT_CHECKED" | "NO_APPLY_SCOPE" | "NOT_ADMIN" }[];
  agreement: { version: number; contentHash: string; locale: "zh-CN" | "en"; document: AgreementDocument } | null;
  maxDocumentBytes: number;
}) {
  const t = useTranslations("applyWizard");
  const e = useTranslations("enums");
  const u = useTranslations("usageScopeKind");
  const [step, setStep] = useState<Step>("profile");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const [forWhom, setForWhom] = useState<ForWhom>("self");
  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? "");
  const organisation = forWhom === "organisation" ? organisations.find((o) => o.id === organisationId) : undefined;
  const profiles = forWhom === "self" ? individualProfiles : organisations.length > 0 ? organisationProfiles : [];
  const [profileCode, setProfileCode] = useState(individualProfiles[0]?.code ?? "");
  const profile = profiles.find((p) => p.code === profileCode);
  const [sealName, setSealName] = useState("");
  const [department, setDepartment] = useState("");
  const [legalName, setLegalName] = useState("");
  const [idType, setIdType] = useState<IdDocumentType>("RESIDENT_ID_CARD");
  const [idNumber, setIdNumber] = useState("");
  const [province, setProvince] = useState("");
  const [city, setCity] = useState("");
  const [scopeKind, setScopeKind] = useState<Scope>("平台");
  const [scopeName, setScopeName] = useState("");
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [agreementSeen, setAgreementSeen] = useState(false);
  const [agreementRead, setAgreementRead] = useState(false);
  const [applicationId, setApplicationId] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Record<string, Upload>>({});
  const [declarations, setDeclarations] = useState<Record<string, boolean>>({});
  const [feeAck, setFeeAck] = useState(false);
  const [keyMode, setKeyMode] = useState<KeyMode>("browser");
  const [keyProgress, setKeyProgress] = useState<string | null>(null);
  const [keyDone, setKeyDone] = useState(false);
  const [csrText, setCsrText] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const endRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const idCheck = idNumber.trim() ? checkIdDocument(idType, idNumber) : null;
  const idProblem = idCheck && !idCheck.ok ? t(`idProblem.${idCheck.code}` as "idProblem.ID_CHECKSUM") : null;
  // An organisation's holder identity is typed only by its administrator (record-identity allows no agent).
  const asksHolder = forWhom === "self" || (profile?.needsHolderName === true && organisation?.via === "ADMIN");
  const sealNameProblem = !profile?.needsSealName ? null : !sealName.trim() ? t("org.sealNameMissing") : sealName.trim().length > 64 ? t("org.sealNameTooLong") : null;
  // The server's rule (requiredDocumentKinds): the organisation's list comes with the profile, an individual's follows the ID type chosen here.
  const neededDocs: string[] = organisation ? (profile?.documents ?? []) : identityDocumentKinds(idType);
  const docLabel = (kind: string) => e(`DocumentKind.${kind}` as "DocumentKind.OTHER");
  const docList = (kinds: string[]) => kinds.map((k) => e(`DocumentKind.${k}` as "DocumentKind.OTHER")).join(t("org.listSeparator"));
  const stepLabel = (s: Step) => (s === "identity" && organisation ? t("org.stepIdentity") : t(`step.${s}`));

  function chooseFor(who: ForWhom) {
    setForWhom(who);
    const list = who === "self" ? individualProfiles : organisationProfiles;
    setProfileCode(list[0]?.code ?? "");
    setError(null);
  }

  // The accept button appears only once the end of the agreement was on screen.
  useEffect(() => {
    if (step !== "agreement" || !endRef.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setAgreementSeen(true));
    io.observe(endRef.current);
    return () => io.disconnect();
  }, [step]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const go = (s: Step) => {
    setError(null);
    setStep(s);
  };

  async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (r.status === "error") {
        setError(r.message);
        return null;
      }
      return r.data;
    } finally {
      setBusy(false);
    }
  }

  async function onIdentityNext() {
    const holderNeeded = asksHolder;
    if ((holderNeeded && (!legalName.trim() || !idCheck?.ok)) || !scopeName.trim() || sealNameProblem) {
      setError(t("fillRequired"));
      return;
    }
    if (!holderNeeded) {
      setIdentityId(null);
      go("agreement");
      return;
    }
    const r = await call(() => recordIdentityStep({ legalName, type: idType, number: idNumber, ...(organisation ? { organisationId: organisation.id } : {}) }));
    if (r) {
      setIdentityId(r.identityId);
      go("agreement");
    }
  }

  async function onAccept() {
    if (!agreement || (!identityId && !organisation)) return;
    const behalf = organisation ? { onBehalfOfOrganisationId: organisation.id } : {};
    const ok = await call(() => acceptAgreementStep({ version: agreement.version, contentHash: agreement.contentHash, locale: agreement.locale, ...behalf }));
    if (!ok) return;
    const app = await call(() =>
      createApplicationStep({
        profileCode,
        ...(identityId ? { identityId } : {}),
        ...(organisation ? { organisationId: organisation.id } : {}),
        province: province.trim() || undefined,
        city: city.trim() || undefined,
        department: (profile?.allowsDepartment && organisation && department.trim()) || undefined,
        sealName: (profile?.needsSealName && sealName.trim()) || undefined,
        usageScope: { kind: scopeKind, name: scopeName.trim() },
      }),
    );
    if (app) {
      setApplicationId(app.applicationId);
      go("documents");
    }
  }

  function upload(kind: string, file: File) {
    if (!applicationId) return;
    const looksAccepted = ACCEPTED_TYPES.includes(file.type) || /\.(jpe?g|png|pdf)$/i.test(file.name);
    if (!looksAccepted) {
      setUploads((u) => ({ ...u, [kind]: { kind, fileName: file.name, progress: 0, state: "error", message: t("typeRefused") } }));
      return;
    }
    if (file.size > maxDocumentBytes) {
      setUploads((u) => ({ ...u, [kind]: { kind, fileName: file.name, progress: 0, state: "error", message: t("sizeRefused", { mb: Math.round(maxDocumentBytes / 1048576) }) } }));
      return;
    }
    const previewUrl = file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined;
    setUploads((u) => ({ ...u, [kind]: { kind, fileName: file.name, progress: 0, state: "uploading", previewUrl } }));
    const form = new FormData();
    form.set("applicationId", applicationId);
    form.set("kind", kind);
    form.set("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/apply/documents");
    xhr.upload.onprogress = (e) => e.lengthComputable && setUploads((u) => ({ ...u, [kind]: { ...u[kind]!, progress: Math.round((100 * e.loaded) / e.total) } }));
    xhr.onload = () => {
      let message: string | undefined;
      if (xhr.status >= 300) {
        try {
          message = (JSON.parse(xhr.responseText) as { error?: { message?: string } }).error?.message;
        } catch {
          message = String(xhr.status);
        }
      }
      setUploads((u) => ({ ...u, [kind]: { ...u[kind]!, progress: 100, state: xhr.status < 300 ? "done" : "error", message } }));
    };
    xhr.onerror = () => setUploads((u) => ({ ...u, [kind]: { ...u[kind]!, state: "error", message: t("uploadFailed") } }));
    xhr.send(form);
  }

  async function onGenerateKey() {
    if (!applicationId) return;
    setBusy(true);
    setError(null);
    try {
      const { generateBrowserKey } = await import("@/client/browser-key");
      const { csrPem, key } = await generateBrowserKey(applicationId, (p) => setKeyProgress(t(`keyProgress.${p}`)));
      setKeyProgress(t("keyProgress.sending"));
      const r = await attachCsrStep({ applicationId, csrPem });
      if (r.status === "error") {
        setError(r.message);
        setKeyProgress(null);
        return;
      }
      await saveKey(key);
      setKeyProgress(t("keyProgress.done"));
      setKeyDone(true);
    } catch (e) {
      console.error("browser key generation failed", e);
      setError(t("keyFailed"));
      setKeyProgress(null);
    } finally {
      setBusy(false);
    }
  }

  async function onUploadCsr() {
    if (!applicationId) return;
    const r = await call(() => attachCsrStep({ applicationId, csrPem: csrText }));
    if (r) setKeyDone(true);
  }

  async function onServerKey() {
    if (!applicationId) return;
    const r = await call(() => chooseKeyGenerationStep({ applicationId, keyGeneration: "SERVER_PKCS12" }));
    if (r) setKeyDone(true);
  }

  async function onSubmit() {
    if (!applicationId) return;
    const d = Object.fromEntries(DECLARATIONS.map((k) => [k, declarations[k] === true])) as Record<(typeof DECLARATIONS)[number], boolean>;
    setBusy(true);
    setError(null);
    try {
      const r = await submitStep({ applicationId, declarations: d });
      if (r.status === "done") setSubmitted(true);
      else if (r.code === "DOCUMENTS_MISSING" && r.items?.length) {
        // Back to the uploads, naming what the server found missing.
        setStep("documents");
        setError(t("org.documentsMissingNamed", { list: docList(r.items) }));
      } else setError(r.message);
    } finally {
      setBusy(false);
    }
  }

  const index = STEPS.indexOf(step);
  const keyModes: KeyMode[] = profile?.serverKeyGeneration ? ["browser", "csr", "server"] : ["browser", "csr"];
  const fee = profile ? (profile.feeCents / 100).toFixed(2) : "0.00";

  return (
    <div className="space-y-6">
      <nav aria-label={t("stepsLabel")}>
        <ol className="flex flex-wrap gap-2 text-sm" data-testid="wizard-steps">
          {STEPS.map((s, i) => (
            <li
              key={s}
              aria-current={s === step ? "step" : undefined}
              className={`rounded-full px-3 py-1 ${i < index ? "bg-green-100 text-green-900" : s === step ? "bg-brand-700 font-semibold text-white" : "bg-slate-100 text-slate-700"}`}
            >
              {i + 1}. {stepLabel(s)}
            </li>
          ))}
        </ol>
      </nav>

      <section aria-labelledby="wizard-step-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="wizard-step-title" ref={headingRef} tabIndex={-1} className="mb-4 text-xl font-semibold text-slate-900 focus:outline-none">
          {stepLabel(step)}
        </h2>
        {error ? (
          <div role="alert" data-alert="error" className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
            {error}
          </div>
        ) : null}

        {step === "profile" ? (
          <div className="space-y-5">
            <fieldset className="space-y-2" data-testid="for-whom">
              <legend className="mb-2 font-medium text-slate-800">{t("org.forWhomLegend")}</legend>
              {(["self", "organisation"] as const).map((who) => (
                <label key={who} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                  <input type="radio" name="forWhom" value={who} checked={forWhom === who} onChange={() => chooseFor(who)} className="mt-1 size-5 shrink-0" />
                  <span>
                    <span className="block font-medium">{who === "self" ? t("org.forSelf") : t("org.forOrganisation")}</span>
                    <span className="block text-sm text-slate-700">{who === "self" ? t("org.forSelfHint") : t("org.forOrganisationHint")}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {forWhom === "organisation" && organisations.length === 0 ? (
              <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="no-organisation">
                <p className="font-medium">{t("org.none")}</p>
                <p>{t("org.noneHow")}</p>
                {notYet.length > 0 ? (
                  <ul className="list-disc pl-5 text-sm">
                    {notYet.map((n) => (
                      <li key={`${n.id}-${n.why}`}>{t(`org.notYet.${n.why}`, { name: n.name })}</li>
                    ))}
                  </ul>
                ) : null}
                <p>
                  <Link href="/organisations" className={buttonClass.link}>
                    {t("org.goOrganisations")}
                  </Link>
                </p>
              </div>
            ) : null}
            {forWhom === "organisation" && organisations.length > 0 ? (
              <div className="space-y-1">
                <label htmlFor="organisation" className="block font-medium text-slate-800">
                  {t("org.organisation")}
                </label>
                <select id="organisation" value={organisationId} onChange={(ev) => setOrganisationId(ev.target.value)} aria-describedby="organisation-facts" className={inputClass}>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                {organisation ? (
                  <p id="organisation-facts" className="break-words text-sm text-slate-700" data-testid="organisation-facts" data-via={organisation.via}>
                    {t("org.uscc")} {organisation.unifiedSocialCreditCode} · {organisation.via === "ADMIN" ? t("org.viaAdmin") : t("org.viaAgent", { until: organisation.validUntil ?? "" })}
                  </p>
                ) : null}
              </div>
            ) : null}
            {profiles.length > 0 ? (
              <fieldset className="space-y-3">
                <legend className="mb-2 text-slate-700">{forWhom === "organisation" ? t("org.profileIntro") : t("profileIntro")}</legend>
                {profiles.map((p) => (
                  <label key={p.code} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                    <input type="radio" name="profile" value={p.code} checked={profileCode === p.code} onChange={() => setProfileCode(p.code)} className="mt-1 size-5 shrink-0" />
                    <span>
                      <span className="block font-medium">{p.name}</span>
                      <span className="block text-sm text-slate-700">{t("profileFacts", { fee: (p.feeCents / 100).toFixed(2), days: p.validityDays })}</span>
                      {forWhom === "organisation" && p.documents.length > 0 ? (
                        <span className="block text-sm text-slate-700" data-testid={`documents-up-front-${p.code}`}>
                          {t("org.documentsUpFront", { list: docList(p.documents) })}
                        </span>
                      ) : null}
                    </span>
                  </label>
                ))}
              </fieldset>
            ) : null}
            <button type="button" className={buttonClass.primary} disabled={!profile || (forWhom === "organisation" && !organisation)} onClick={() => go("identity")}>
              {t("next")}
            </button>
          </div>
        ) : null}

        {step === "identity" ? (
          <div className="space-y-4">
            {organisation ? (
              <div className="space-y-2 rounded-md bg-slate-50 p-3" data-testid="organisation-subject">
                <p className="text-sm text-slate-700">{t("org.orgFactsIntro")}</p>
                <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium text-slate-600">{t("org.orgName")}</dt>
                  <dd className="break-words">{organisation.name}</dd>
                  <dt className="font-medium text-slate-600">{t("org.uscc")}</dt>
                  <dd className="break-all">{organisation.unifiedSocialCreditCode}</dd>
                </dl>
              </div>
            ) : null}
            {profile?.needsSealName && organisation ? (
              <Field id="sealName" label={t("org.sealName")} hint={t("org.sealNameHint")}>
                <input
                  id="sealName"
                  value={sealName}
                  onChange={(ev) => setSealName(ev.target.value)}
                  required
                  maxLength={80}
                  aria-invalid={sealName && sealNameProblem ? true : undefined}
                  aria-describedby="sealName-hint sealName-check"
                  className={inputClass}
                />
                <p id="sealName-check" aria-live="polite" className={`text-sm ${sealNameProblem ? "text-red-800" : "text-green-800"}`} data-testid="seal-name-check">
                  {sealName ? (sealNameProblem ?? t("org.sealNameOk")) : ""}
                </p>
              </Field>
            ) : null}
            {profile?.allowsDepartment && organisation ? (
              <Field id="department" label={t("org.department")}>
                <input id="department" value={department} onChange={(ev) => setDepartment(ev.target.value)} maxLength={64} className={inputClass} />
              </Field>
            ) : null}
            {organisation && profile?.needsHolderName ? <p className="text-slate-700">{asksHolder ? t("org.holderIntro") : t("org.holderByAdmin")}</p> : null}
            {asksHolder ? (
              <>
            <Field id="legalName" label={t("legalName")}>
              <input id="legalName" value={legalName} onChange={(e) => setLegalName(e.target.value)} required autoComplete="name" className={inputClass} />
            </Field>
            <Field id="idType" label={t("idType")}>
              <select id="idType" value={idType} onChange={(e) => setIdType(e.target.value as IdDocumentType)} className={inputClass}>
                {ID_DOCUMENT_TYPES.map((d) => (
                  <option key={d} value={d}>
                    {e(`IdDocumentType.${d}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="idNumber" label={t("idNumber")}>
              <input
                id="idNumber"
                value={idNumber}
                onChange={(e) => setIdNumber(e.target.value)}
                required
                autoComplete="off"
                aria-invalid={idProblem ? true : undefined}
                aria-describedby="idNumber-check"
                className={inputClass}
              />
              <p id="idNumber-check" aria-live="polite" className={`text-sm ${idProblem ? "text-red-800" : "text-green-800"}`} data-testid="id-check">
                {idProblem ?? (idCheck?.ok ? t("idOk") : "")}
              </p>
            </Field>
              </>
            ) : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field id="province" label={t("province")}>
                <input id="province" value={province} onChange={(e) => setProvince(e.target.value)} className={inputClass} />
              </Field>
              <Field id="city" label={t("city")}>
                <input id="city" value={city} onChange={(e) => setCity(e.target.value)} className={inputClass} />
              </Field>
            </div>
            <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
              <Field id="scopeKind" label={t("scopeKind")}>
                <select id="scopeKind" value={scopeKind} onChange={(e) => setScopeKind(e.target.value as Scope)} className={inputClass}>
                  {(profile?.usageScopes ?? ["平台"]).map((s) => (
                    <option key={s} value={s}>
                      {u(`${s}` as "平台")}
                    </option>
                  ))}
                </select>
              </Field>
              <Field id="scopeName" label={t("scopeName")} hint={t("scopeHint")}>
                <input id="scopeName" value={scopeName} onChange={(e) => setScopeName(e.target.value)} required aria-describedby="scopeName-hint" className={inputClass} />
              </Field>
            </div>
            <Nav back={() => go("profile")} next={onIdentityNext} busy={busy} t={t} />
          </div>
        ) : null}

        {step === "agreement" ? (
          agreement ? (
            <div className="space-y-4">
              <p className="text-slate-700">{t("agreementIntro")}</p>
              {organisation ? (
                <p className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-slate-900" data-testid="agreement-behalf" data-organisation-id={organisation.id}>
                  {t("org.behalf", { name: organisation.name, uscc: organisation.unifiedSocialCreditCode })}
                </p>
              ) : null}
              <div className="max-h-[28rem] overflow-y-auto rounded border border-slate-200 p-4" tabIndex={0} aria-label={t("agreementScroll")} data-testid="agreement-scroll">
                <AgreementDocumentView doc={agreement.document} liabilityLabel={t("limitsLiability")} />
                <div ref={endRef} data-testid="agreement-end" className="h-1" />
              </div>
              {!agreementSeen ? <p className="text-sm text-slate-700">{t("scrollToEnd")}</p> : null}
              <label className="flex items-start gap-2">
                <input type="checkbox" checked={agreementRead} disabled={!agreementSeen} onChange={(e) => setAgreementRead(e.target.checked)} className="mt-1 size-5" />
                <span>{organisation ? t("org.agreementRead", { version: agreement.version, name: organisation.name }) : t("agreementRead", { version: agreement.version })}</span>
              </label>
              <Nav back={() => go("identity")} next={onAccept} nextLabel={t("accept")} disabled={!agreementRead} busy={busy} t={t} />
            </div>
          ) : (
            <p>{t("noAgreement")}</p>
          )
        ) : null}

        {step === "documents" ? (
          <div className="space-y-4">
            <p className="text-slate-700">{organisation ? t("org.documentsIntro", { mb: Math.round(maxDocumentBytes / 1048576) }) : t("documentsIntro", { mb: Math.round(maxDocumentBytes / 1048576) })}</p>
            {organisation?.via === "AGENT" ? <p className="text-sm text-slate-700">{t("org.documentsAgent")}</p> : null}
            {neededDocs.map((kind) => (
              <DropZone key={kind} kind={kind} label={docLabel(kind)} hint={kind === "SEAL_IMAGE" ? t("org.sealImageHint") : undefined} upload={uploads[kind]} onFile={(f) => upload(kind, f)} t={t} />
            ))}
            <Nav
              back={null}
              next={() => {
                const missing = neededDocs.filter((k) => uploads[k]?.state !== "done");
                if (missing.length === 0) go("declarations");
                else setError(organisation ? t("org.documentsMissingNamed", { list: docList(missing) }) : t("documentsMissing"));
              }}
              busy={busy}
              t={t}
            />
          </div>
        ) : null}

        {step === "declarations" ? (
          <fieldset className="space-y-3">
            <legend className="mb-2 text-slate-700">{t("declarationsIntro")}</legend>
            {DECLARATIONS.map((d) => (
              <label key={d} className="flex items-start gap-2">
                <input type="checkbox" checked={declarations[d] === true} onChange={(e) => setDeclarations((x) => ({ ...x, [d]: e.target.checked }))} className="mt-1 size-5" />
                <span>{t(`declaration.${d}`)}</span>
              </label>
            ))}
            <Nav back={() => go("documents")} next={() => (DECLARATIONS.every((d) => declarations[d]) ? go("fee") : setError(t("declarationsMissing")))} busy={busy} t={t} />
          </fieldset>
        ) : null}

        {step === "fee" ? (
          <div className="space-y-4">
            <p className="text-lg" data-testid="fee">
              {t("feeAmount", { fee })}
            </p>
            <p className="text-slate-700">{profile && profile.feeCents > 0 ? t("feeHow") : t("feeNone")}</p>
            <label className="flex items-start gap-2">
              <input type="checkbox" checked={feeAck} onChange={(e) => setFeeAck(e.target.checked)} className="mt-1 size-5" />
              <span>{t("feeAck")}</span>
            </label>
            <Nav back={() => go("declarations")} next={() => go("key")} disabled={!feeAck} busy={busy} t={t} />
          </div>
        ) : null}

        {step === "key" ? (
          <div className="space-y-4">
            <fieldset className="space-y-2">
              <legend className="mb-1 text-slate-700">{t("keyIntro")}</legend>
              {keyModes.map((m) => (
                <label key={m} className="flex items-start gap-2">
                  <input type="radio" name="keyMode" value={m} checked={keyMode === m} disabled={keyDone} onChange={() => setKeyMode(m)} className="mt-1 size-5" />
                  <span>{t(`keyMode.${m}`)}</span>
                </label>
              ))}
            </fieldset>
            {keyMode === "browser" ? (
              <div className="space-y-2">
                <button type="button" className={buttonClass.secondary} onClick={onGenerateKey} disabled={busy || keyDone}>
                  {t("generateKey")}
                </button>
                <p role="status" className="text-slate-800" data-testid="key-progress">
                  {keyProgress}
                </p>
              </div>
            ) : keyMode === "server" ? (
              <div className="space-y-2">
                <p className="text-sm text-slate-700">{t("serverKeyNote")}</p>
                <button type="button" className={buttonClass.secondary} onClick={onServerKey} disabled={busy || keyDone}>
                  {t("useServerKey")}
                </button>
                {keyDone ? (
                  <p role="status" data-testid="server-key-chosen">
                    {t("serverKeyChosen")}
                  </p>
                ) : null}
              </div>
            ) : (
              <div className="space-y-2">
                <label htmlFor="csr" className="block font-medium">
                  {t("csrLabel")}
                </label>
                <textarea id="csr" rows={6} value={csrText} onChange={(e) => setCsrText(e.target.value)} className={`${inputClass} font-mono text-sm`} disabled={keyDone} />
                <button type="button" className={buttonClass.secondary} onClick={onUploadCsr} disabled={busy || keyDone || !csrText.trim()}>
                  {t("sendCsr")}
                </button>
                {keyDone ? <p role="status">{t("keyProgress.done")}</p> : null}
              </div>
            )}
            <Nav back={keyDone ? null : () => go("fee")} next={() => go("submit")} disabled={!keyDone} busy={busy} t={t} />
          </div>
        ) : null}

        {step === "submit" ? (
          submitted ? (
            <div role="status" data-alert="success" className="space-y-3 rounded-md border border-green-300 bg-green-50 p-4 text-green-950" data-testid="application-submitted">
              <p className="font-semibold">{t("submitted")}</p>
              <p>
                <a href={`/applications/${applicationId}`} className={buttonClass.link}>
                  {t("viewStatus")}
                </a>
              </p>
            </div>
          ) : (
            <div className="space-y-3">
              <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                <dt className="font-medium text-slate-600">{t("org.summaryFor")}</dt>
                <dd className="break-words" data-testid="summary-for" data-for={forWhom}>
                  {organisation ? `${organisation.name} · ${organisation.unifiedSocialCreditCode}` : t("org.summarySelf")}
                </dd>
                <dt className="font-medium text-slate-600">{t("step.profile")}</dt>
                <dd>{profile?.name}</dd>
                {asksHolder ? (
                  <>
                    <dt className="font-medium text-slate-600">{t("legalName")}</dt>
                    <dd>{legalName}</dd>
                  </>
                ) : null}
                {organisation && profile?.needsSealName ? (
                  <>
                    <dt className="font-medium text-slate-600">{t("org.sealName")}</dt>
                    <dd className="break-words">{sealName.trim()}</dd>
                  </>
                ) : null}
                <dt className="font-medium text-slate-600">{t("scopeName")}</dt>
                <dd>
                  {u(`${scopeKind}` as "平台")} · {scopeName}
                </dd>
                <dt className="font-medium text-slate-600">{t("keyModeSummary")}</dt>
                <dd data-testid="key-mode-summary" data-mode={keyMode}>
                  {t(`keyModeShort.${keyMode}`)}
                </dd>
                <dt className="font-medium text-slate-600">{t("step.fee")}</dt>
                <dd>{t("feeAmount", { fee })}</dd>
              </dl>
              <Nav back={null} next={onSubmit} nextLabel={t("submit")} busy={busy} t={t} />
            </div>
          )
        ) : null}
      </section>
    </div>
  );
}

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function Nav({
  back,
  next,
  nextLabel,
  disabled,
  busy,
  t,
}: {
  back: (() => void) | null;
  next: () => void;
  nextLabel?: string;
  disabled?: boolean;
  busy: boolean;
  t: ReturnType<typeof useTranslations<"applyWizard">>;
}) {
  return (
    <div className="flex flex-wrap gap-3 pt-2">
      {back ? (
        <button type="button" className={buttonClass.secondary} onClick={back} disabled={busy}>
          {t("back")}
        </button>
      ) : null}
      <button type="button" className={buttonClass.primary} onClick={next} disabled={busy || disabled}>
        {busy ? t("working") : (nextLabel ?? t("next"))}
      </button>
    </div>
  );
}

function DropZone({ kind, label, hint, upload, onFile, t }: { kind: string; label: string; hint?: string; upload?: Upload; onFile: (f: File) => void; t: ReturnType<typeof useTranslations<"applyWizard">> }) {
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`rounded-lg border-2 border-dashed p-4 ${over ? "border-brand-700 bg-brand-50" : "border-slate-300"}`}
      data-testid={`drop-${kind}`}
    >
      <label htmlFor={`file-${kind}`} className="block font-medium">
        {label}
      </label>
      {hint ? <p className="text-sm text-slate-700">{hint}</p> : null}
      <p className="text-sm text-slate-600">{t("dropHint")}</p>
      <input id={`file-${kind}`} type="file" accept="image/jpeg,image/png,application/pdf" onChange={(e) => e.target.files?.[0] && onFile(e.target.files[0])} className="mt-2 block w-full text-sm" />
      {upload ? (
        <div className="mt-3 space-y-1" data-testid={`upload-${kind}`} data-state={upload.state}>
          <p className="text-sm">{upload.fileName}</p>
          <progress max={100} value={upload.progress} className="w-full" aria-label={t("progress", { name: upload.fileName })} />
          {upload.state === "error" ? (
            <p role="alert" data-alert="error" className="text-sm font-medium text-red-800">
              {upload.message}
            </p>
          ) : null}
          {upload.state === "done" ? <p className="text-sm text-green-800">{t("uploaded")}</p> : null}
          {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL preview, not a served image */}
          {upload.previewUrl && upload.state !== "error" ? <img src={upload.previewUrl} alt={t("preview", { name: upload.fileName })} className="mt-2 max-h-40 rounded border" /> : null}
        </div>
      ) : null}
    </div>
  );
}
