"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { useTranslations } from "next-intl";
import {
  acceptAgreementStep,
  attachCsrStep,
  chooseKeyGenerationStep,
  createApplicationStep,
  recordIdentityStep,
  saveDraftProgressStep,
  submitStep,
  updateDraftDetailsStep,
} from "@/app/apply/actions";
import type { ActionResult } from "@/server/web/action-state";
import { loadKey, saveKey } from "@/client/key-store";
import { browserKeyAlgorithmFor } from "@/client/browser-key-algorithm";
import { AgreementReader } from "@/components/portal/agreement-reader";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { AgreementDocument } from "@/domain/agreement";
import { APPLY_DECLARATIONS, APPLY_WIZARD_STEPS, isApplyWizardStep, type ApplyWizardStep } from "@/domain/application";
import type { DraftForWizard } from "@/server/application/get-draft-for-wizard";
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
  /** Clause 1.5's usage scope is asked (the server's profileNeedsUsageScope). */
  needsUsageScope: boolean;
  allowsDepartment: boolean;
  /** Documents asked for up front (organisations); an individual's follow from the ID type. */
  documents: string[];
  /** The profile's allowed key algorithms ("EC-P256", "RSA-2048", "SM2"): which key the browser makes. */
  keyAlgorithms?: string[];
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
const STEPS = APPLY_WIZARD_STEPS;
type Step = ApplyWizardStep;
const DECLARATIONS = APPLY_DECLARATIONS;
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

/** Another draft of the reader's, for "resume it instead of starting a second" on the first step. */
export interface OtherDraft {
  id: string;
  profileCode: string;
  organisationId: string | null;
  resumeAt: Step;
}

/** A field marked as needing correction: red border (the message beside it says what). */
const INVALID = "border-red-700 ring-1 ring-red-700";

/** Field ids of step 2, in the order they are on screen (the first marked one gets the focus). */
const IDENTITY_FIELDS = ["sealName", "legalName", "idNumber", "scopeName"] as const;
/** A refused field the server names (VALIDATION_FAILED issues) and the field on this page it is typed in. */
const SERVER_FIELD: Record<string, string> = {
  legalName: "legalName",
  "idDocument.number": "idNumber",
  "subjectDetails.usageScope": "scopeName",
  "subjectDetails.sealName": "sealName",
};

function detailsOf(d: DraftForWizard | null) {
  const sd = d?.subjectDetails ?? {};
  const text = (k: string) => (typeof sd[k] === "string" ? (sd[k] as string) : "");
  const scope = typeof sd.usageScope === "object" && sd.usageScope !== null ? (sd.usageScope as { kind?: string; name?: string }) : null;
  return { province: text("province"), city: text("city"), department: text("department"), sealName: text("sealName"), scopeKind: (scope?.kind ?? "平台") as Scope, scopeName: scope?.name ?? "" };
}

/** The wizard's address for a step: the draft's id once there is one, so a refresh or a reopened tab resumes it. */
function stepUrl(step: Step, applicationId: string | null): string {
  const q = new URLSearchParams();
  if (applicationId) q.set("draft", applicationId);
  if (step !== "profile" || applicationId) q.set("step", step);
  const qs = q.toString();
  return qs ? `/apply?${qs}` : "/apply";
}

/**
 * The apply wizard (issues 6 and 15). The steps are the order of the use cases: the agreement must
 * be accepted before a draft can exist, so it comes before the documents. From then on the draft
 * is on the server (details, documents, key choice, and the step with the ticks of the
 * declarations and fee steps: saveDraftProgress), and the step is in the URL, pushed to the
 * browser's history: Back/Forward move between steps, a refresh or a reopened tab resumes where
 * the applicant was. The private key never leaves the browser.
 */
export function ApplyWizard({
  profiles: individualProfiles,
  organisationProfiles,
  organisations,
  notYet,
  agreement,
  maxDocumentBytes,
  draft,
  draftUnknown,
  initialStep,
  otherDrafts,
  signUpName,
}: {
  profiles: WizardProfile[];
  organisationProfiles: WizardProfile[];
  organisations: WizardOrganisation[];
  /** Organisations the user is linked to but may not apply for yet, with why. */
  notYet: { id: string; name: string; why: "LETTER_NOT_CHECKED" | "NO_APPLY_SCOPE" | "NOT_ADMIN" }[];
  /** acceptedBySelf / acceptedForOrganisations: whom the version in force already covers (one acceptance rule): not asked again. */
  agreement: { version: number; contentHash: string; locale: "zh-CN" | "en"; document: AgreementDocument; acceptedBySelf?: boolean; acceptedForOrganisations?: string[] } | null;
  maxDocumentBytes: number;
  /** The draft the URL names, to resume; null for a new application. */
  draft: DraftForWizard | null;
  /** The URL named a draft that is not the reader's or no longer exists. */
  draftUnknown: boolean;
  initialStep: Step;
  otherDrafts: OtherDraft[];
  /** The name given at sign-up: the legal name is pre-filled with it. */
  signUpName: string;
}) {
  const t = useTranslations("applyWizard");
  const tr = useTranslations("agreementReader");
  const router = useRouter();
  const e = useTranslations("enums");
  const u = useTranslations("usageScopeKind");
  const initial = detailsOf(draft);
  // Before a draft exists nothing is on the server: a refresh there starts again at the first step.
  const [step, setStep] = useState<Step>(draft ? initialStep : "profile");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const [forWhom, setForWhom] = useState<ForWhom>(draft?.organisationId ? "organisation" : "self");
  const [organisationId, setOrganisationId] = useState(draft?.organisationId ?? organisations[0]?.id ?? "");
  const organisation = forWhom === "organisation" ? organisations.find((o) => o.id === organisationId) : undefined;
  const profiles = forWhom === "self" ? individualProfiles : organisations.length > 0 ? organisationProfiles : [];
  const [profileCode, setProfileCode] = useState(draft?.profileCode ?? individualProfiles[0]?.code ?? "");
  const profile = profiles.find((p) => p.code === profileCode);
  const [sealName, setSealName] = useState(initial.sealName);
  const [department, setDepartment] = useState(initial.department);
  const [legalName, setLegalName] = useState(draft?.identity?.legalName ?? signUpName);
  const [idType, setIdType] = useState<IdDocumentType>((draft?.identity?.idDocumentType as IdDocumentType | undefined) ?? "RESIDENT_ID_CARD");
  const [idNumber, setIdNumber] = useState(draft?.identity?.idDocumentNumber ?? "");
  const [province, setProvince] = useState(initial.province);
  const [city, setCity] = useState(initial.city);
  const [scopeKind, setScopeKind] = useState<Scope>(initial.scopeKind);
  const [scopeName, setScopeName] = useState(initial.scopeName);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [applicationId, setApplicationId] = useState<string | null>(draft?.id ?? null);
  /** The draft's version, for saving step 2 again over it (optimistic locking). */
  const [version, setVersion] = useState(draft?.version ?? 1);
  /** The details as stored: step 2 saves again only what changed. */
  const [savedDetails, setSavedDetails] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Record<string, Upload>>(() =>
    Object.fromEntries((draft?.documentKinds ?? []).map((kind) => [kind, { kind, fileName: "", progress: 100, state: "done" as const }])),
  );
  const [declarations, setDeclarations] = useState<Record<string, boolean>>(() => Object.fromEntries((draft?.progress?.declarations ?? []).map((d) => [d, true])));
  const [feeAck, setFeeAck] = useState(draft?.progress?.feeAcknowledged ?? false);
  const [keyMode, setKeyMode] = useState<KeyMode>(draft?.keyGeneration === "SERVER_PKCS12" ? "server" : "browser");
  const [keyProgress, setKeyProgress] = useState<string | null>(null);
  const [keyDone, setKeyDone] = useState(draft ? draft.keyGeneration === "SERVER_PKCS12" || draft.hasCsr : false);
  /** On a resumed draft with a certificate request: whether this browser holds its key ("unknown" until looked up). */
  const [keyHere, setKeyHere] = useState<"unknown" | "yes" | "no">("unknown");
  const [csrText, setCsrText] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const idCheck = idNumber.trim() ? checkIdDocument(idType, idNumber) : null;
  const idProblem = idCheck && !idCheck.ok ? t(`idProblem.${idCheck.code}` as "idProblem.ID_CHECKSUM") : null;
  // An organisation's holder identity is typed only by its administrator (record-identity allows no agent).
  // One acceptance rule: the version in force accepted once by this subject is not asked for again.
  const agreementCovered = agreement ? (organisation ? (agreement.acceptedForOrganisations ?? []).includes(organisation.id) : agreement.acceptedBySelf === true) : false;
  const asksHolder = forWhom === "self" || (profile?.needsHolderName === true && organisation?.via === "ADMIN");
  // Once the draft exists the holder's identity is part of it: shown, not typed again (a new holder is a new application).
  const holderFixed = applicationId !== null;
  // Clause 1.5's usage scope: asked where the server's profileNeedsUsageScope says (organisations; a private person has no project to name).
  const asksScope = profile?.needsUsageScope ?? forWhom === "organisation";
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

  // The ticks of the declarations and fee steps exist nowhere else before submission: saved with the step.
  const progressRef = useRef({ declarations, feeAck });
  useEffect(() => {
    progressRef.current = { declarations, feeAck };
  }, [declarations, feeAck]);
  // Saves go one at a time, in the order of the moves (two quick moves must not land reversed), and a
  // move that changes nothing saved (Back then Forward over the same ticks) sends nothing: each save
  // is an audit event.
  const lastSaved = useRef<string | null>(null);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const saveProgress = useCallback(
    (at: Step) => {
      if (!applicationId) return;
      const { declarations: d, feeAck: f } = progressRef.current;
      const input = { applicationId, step: at, declarations: DECLARATIONS.filter((k) => d[k]), feeAcknowledged: f };
      const key = JSON.stringify(input);
      if (key === lastSaved.current) return;
      lastSaved.current = key;
      // Navigation must not wait on it; a failed save only means the draft resumes a step earlier.
      saving.current = saving.current.then(() =>
        saveDraftProgressStep(input).then(
          // A progress save does not change the version; a reply older than an upload made meanwhile must not lower it.
          (r) => (r.status === "done" ? setVersion((v) => Math.max(v, r.data.version)) : (lastSaved.current = null)),
          () => (lastSaved.current = null),
        ),
      );
    },
    [applicationId],
  );

  // The step is in the URL: the browser's Back/Forward move between steps (the inputs are in this component, and on the server).
  useEffect(() => {
    const onPop = () => {
      const q = new URLSearchParams(window.location.search);
      const at = q.get("step");
      const to: Step = isApplyWizardStep(at) ? at : "profile";
      if (submittedRef.current && applicationId) {
        router.push(`/applications/${applicationId}`);
        return;
      }
      // Before the draft was made, steps 1-3 had no id in their address: add it, so a refresh there still finds the draft.
      if (applicationId && q.get("draft") !== applicationId) window.history.replaceState(window.history.state, "", stepUrl(to, applicationId));
      setError(null);
      setFieldErrors({});
      setStep(to);
      saveProgress(to);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [applicationId, saveProgress, router]);

  useEffect(() => {
    if (!draft && new URLSearchParams(window.location.search).has("step")) window.history.replaceState(window.history.state, "", "/apply");
  }, [draft]);

  // A resumed draft whose certificate request was made in a browser: is its key in this one?
  useEffect(() => {
    if (!draft?.hasCsr || draft.keyGeneration !== "CLIENT_CSR") return;
    loadKey(draft.id).then(
      (k) => setKeyHere(k ? "yes" : "no"),
      () => setKeyHere("no"),
    );
  }, [draft]);

  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const submittedRef = useRef(false);
  const go = (s: Step, draftId: string | null = applicationId) => {
    setError(null);
    setFieldErrors({});
    setStep(s);
    window.history.pushState(window.history.state, "", stepUrl(s, draftId));
    if (draftId) saveProgressFor(draftId, s);
  };
  function saveProgressFor(draftId: string, at: Step) {
    if (draftId === applicationId) return saveProgress(at);
    void saveDraftProgressStep({ applicationId: draftId, step: at, declarations: [], feeAcknowledged: false }).catch(() => undefined);
  }

  /** Marks the fields (aria-invalid, red, the message beside each), says how many, and puts the focus on the first. */
  function markFields(errors: Record<string, string>, order: readonly string[]) {
    setFieldErrors(errors);
    const ids = order.filter((id) => errors[id]);
    setError(t("draft.fixFields", { count: ids.length }));
    window.setTimeout(() => document.getElementById(ids[0] ?? "")?.focus(), 0);
  }
  const invalid = (id: string) =>
    fieldErrors[id] ? { "aria-invalid": true as const, "aria-describedby": `${id}-error`, className: `${inputClass} ${INVALID}` } : { className: inputClass };

  async function call<T>(fn: () => Promise<ActionResult<T>>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      const r = await fn();
      if (r.status === "error") {
        const marked = Object.fromEntries(r.fields.filter((f) => SERVER_FIELD[f]).map((f) => [SERVER_FIELD[f]!, r.message]));
        if (Object.keys(marked).length > 0) markFields(marked, IDENTITY_FIELDS);
        else setError(r.message);
        return null;
      }
      return r.data;
    } finally {
      setBusy(false);
    }
  }

  async function onIdentityNext() {
    const holderNeeded = asksHolder && !holderFixed;
    const problems: Record<string, string> = {};
    if (sealNameProblem) problems.sealName = sealNameProblem;
    if (holderNeeded && !legalName.trim()) problems.legalName = t("draft.required");
    if (holderNeeded && !idCheck?.ok) problems.idNumber = idProblem ?? t("draft.required");
    if (asksScope && !scopeName.trim()) problems.scopeName = t("draft.required");
    if (Object.keys(problems).length > 0) {
      markFields(problems, IDENTITY_FIELDS);
      return;
    }
    if (applicationId) {
      // The draft exists: the typed details are saved over it (only when changed), the identity stays.
      const details = typedDetails();
      const key = JSON.stringify(details);
      if (key !== (savedDetails ?? JSON.stringify(typedDetailsOf(initial)))) {
        const r = await call(() => updateDraftDetailsStep({ applicationId, version, ...details }));
        if (!r) return;
        setVersion(r.version);
        setSavedDetails(key);
      }
      go("agreement");
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

  function typedDetailsOf(v: { province: string; city: string; department: string; sealName: string; scopeKind: Scope; scopeName: string }) {
    return {
      province: v.province.trim() || undefined,
      city: v.city.trim() || undefined,
      department: (profile?.allowsDepartment && organisation && v.department.trim()) || undefined,
      sealName: (profile?.needsSealName && v.sealName.trim()) || undefined,
      ...(asksScope ? { usageScope: { kind: v.scopeKind, name: v.scopeName.trim() } } : {}),
    };
  }
  const typedDetails = () => typedDetailsOf({ province, city, department, sealName, scopeKind, scopeName });

  async function onAccept() {
    if (applicationId) {
      // The draft was made when the agreement was accepted: nothing to accept again.
      go("documents");
      return;
    }
    if (!agreement || (!identityId && !organisation)) return;
    const behalf = organisation ? { onBehalfOfOrganisationId: organisation.id } : {};
    const ok = agreementCovered || (await call(() => acceptAgreementStep({ version: agreement.version, contentHash: agreement.contentHash, locale: agreement.locale, ...behalf })));
    if (!ok) return;
    const app = await call(() =>
      createApplicationStep({
        profileCode,
        ...(identityId ? { identityId } : {}),
        ...(organisation ? { organisationId: organisation.id } : {}),
        ...typedDetails(),
      }),
    );
    if (app) {
      setApplicationId(app.applicationId);
      setSavedDetails(JSON.stringify(typedDetails()));
      // This step's address gets the draft's id too, so Back then refresh still finds the draft.
      window.history.replaceState(window.history.state, "", stepUrl("agreement", app.applicationId));
      go("documents", app.applicationId);
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
          message = undefined;
        }
        // A refusal always says why in words, never a bare status code.
        message ??= t("uploadFailed");
      }
      setUploads((u) => ({ ...u, [kind]: { ...u[kind]!, progress: 100, state: xhr.status < 300 ? "done" : "error", message } }));
      if (xhr.status < 300) setFieldErrors((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== `file-${kind}`)));
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
      const { csrPem, key } = await generateBrowserKey(applicationId, (p) => setKeyProgress(t(`keyProgress.${p}`)), browserKeyAlgorithm);
      setKeyProgress(t("keyProgress.sending"));
      const r = await attachCsrStep({ applicationId, csrPem, source: "BROWSER" });
      if (r.status === "error") {
        setError(r.message);
        setKeyProgress(null);
        return;
      }
      await saveKey(key);
      setKeyProgress(t("keyProgress.done"));
      setKeyDone(true);
      setKeyHere("yes");
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
      if (r.status === "done") {
        submittedRef.current = true;
        setSubmitted(true);
      }
      else if (r.code === "DOCUMENTS_MISSING" && r.items?.length) {
        // Back to the uploads, naming what the server found missing.
        go("documents");
        setError(t("org.documentsMissingNamed", { list: docList(r.items) }));
      } else setError(r.message);
    } finally {
      setBusy(false);
    }
  }

  const index = STEPS.indexOf(step);
  // A draft of the same certificate for the same subject: offered to resume rather than started twice.
  const sameDraft = otherDrafts.find((d) => d.profileCode === profileCode && d.organisationId === (organisation?.id ?? null));
  // An SM2 profile gets an SM2 key (made in JS: WebCrypto has none); every other profile P-256.
  const browserKeyAlgorithm = browserKeyAlgorithmFor(profile?.keyAlgorithms);
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
            {draftUnknown ? (
              <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="draft-unknown">
                {t("draft.unknown")}
              </p>
            ) : null}
            {applicationId ? (
              <p className="rounded-md bg-slate-50 p-3 text-slate-800" data-testid="draft-profile-fixed">
                {t("draft.profileFixed")}
              </p>
            ) : null}
            <fieldset disabled={applicationId !== null} className="space-y-5">
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
            </fieldset>
            {sameDraft && !applicationId ? (
              <div className="space-y-2 rounded-md border border-brand-700 bg-brand-50 p-3 text-slate-900" data-testid="existing-draft">
                <p>{t("draft.existing", { profile: profile?.name ?? "", step: stepLabel(sameDraft.resumeAt) })}</p>
                <p>
                  <a href={stepUrl(sameDraft.resumeAt, sameDraft.id)} className={buttonClass.link}>
                    {t("draft.resumeExisting")}
                  </a>
                </p>
                <p className="text-sm text-slate-700">{t("draft.startAnyway")}</p>
              </div>
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
                  aria-invalid={(sealName && sealNameProblem) || fieldErrors.sealName ? true : undefined}
                  aria-describedby="sealName-hint sealName-check"
                  className={(sealName && sealNameProblem) || fieldErrors.sealName ? `${inputClass} ${INVALID}` : inputClass}
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
            {holderFixed ? (
              <p className="text-sm text-slate-700" data-testid="holder-fixed">
                {t("draft.holderFixed")}
              </p>
            ) : legalName && legalName === signUpName ? (
              <p className="text-sm text-slate-700" data-testid="name-from-sign-up">
                {t("draft.nameFromSignUp")}
              </p>
            ) : null}
            <Field id="legalName" label={t("legalName")} error={fieldErrors.legalName}>
              <input id="legalName" value={legalName} onChange={(e) => setLegalName(e.target.value)} required readOnly={holderFixed} autoComplete="name" {...invalid("legalName")} />
            </Field>
            <Field id="idType" label={t("idType")}>
              <select id="idType" value={idType} onChange={(e) => setIdType(e.target.value as IdDocumentType)} disabled={holderFixed} className={inputClass}>
                {ID_DOCUMENT_TYPES.map((d) => (
                  <option key={d} value={d}>
                    {e(`IdDocumentType.${d}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="idNumber" label={t("idNumber")} error={idProblem ? undefined : fieldErrors.idNumber}>
              <input
                id="idNumber"
                value={idNumber}
                onChange={(e) => setIdNumber(e.target.value)}
                required
                readOnly={holderFixed}
                autoComplete="off"
                aria-invalid={idProblem || fieldErrors.idNumber ? true : undefined}
                aria-describedby={fieldErrors.idNumber && !idProblem ? "idNumber-check idNumber-error" : "idNumber-check"}
                className={idProblem || fieldErrors.idNumber ? `${inputClass} ${INVALID}` : inputClass}
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
            {asksScope ? (
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
              <Field id="scopeName" label={t("scopeName")} hint={t("scopeHint")} error={fieldErrors.scopeName}>
                <input
                  id="scopeName"
                  value={scopeName}
                  onChange={(e) => setScopeName(e.target.value)}
                  required
                  {...invalid("scopeName")}
                  aria-describedby={fieldErrors.scopeName ? "scopeName-hint scopeName-error" : "scopeName-hint"}
                />
              </Field>
            </div>
            ) : null}
            <Nav back={() => go("profile")} next={onIdentityNext} busy={busy} t={t} />
          </div>
        ) : null}

        {step === "agreement" ? (
          applicationId ? (
            // The draft was made when the agreement was accepted: going back here shows that, and asks nothing again.
            <div className="space-y-4" data-testid="agreement-accepted-for-draft">
              <p className="text-slate-800">{t("draft.agreementAccepted")}</p>
              <Nav back={() => go("identity")} next={onAccept} busy={busy} t={t} />
            </div>
          ) : agreement ? (
            <div className="space-y-4">
              <p className="text-slate-700">{t("agreementIntro")}</p>
              {organisation ? (
                <p className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-slate-900" data-testid="agreement-behalf" data-organisation-id={organisation.id}>
                  {t("org.behalf", { name: organisation.name, uscc: organisation.unifiedSocialCreditCode })}
                </p>
              ) : null}
              {agreementCovered ? (
                <div className="space-y-4" data-testid="agreement-already-accepted">
                  <p className="rounded-md border border-green-300 bg-green-50 p-3 text-green-950">{tr(organisation ? "alreadyAcceptedOrganisation" : "alreadyAccepted", { version: agreement.version })}</p>
                  <Nav back={() => go("identity")} next={onAccept} busy={busy} t={t} />
                </div>
              ) : (
                <AgreementReader
                  document={agreement.document}
                  busy={busy}
                  onAccept={onAccept}
                  extra={
                    <button type="button" className={buttonClass.secondary} onClick={() => go("identity")} disabled={busy}>
                      {t("back")}
                    </button>
                  }
                  labels={{
                    text: t("agreementScroll"),
                    liability: tr("liability"),
                    read: organisation ? t("org.agreementRead", { version: agreement.version, name: organisation.name }) : t("agreementRead", { version: agreement.version }),
                    accept: t("accept"),
                    working: t("working"),
                    scrollToEnd: tr("scrollToEnd"),
                  }}
                />
              )}
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
              <DropZone
                key={kind}
                kind={kind}
                label={docLabel(kind)}
                hint={kind === "SEAL_IMAGE" ? t("org.sealImageHint") : undefined}
                upload={uploads[kind]}
                missing={fieldErrors[`file-${kind}`]}
                onFile={(f) => upload(kind, f)}
                t={t}
              />
            ))}
            <Nav
              back={() => go("agreement")}
              next={() => {
                const missing = neededDocs.filter((k) => uploads[k]?.state !== "done");
                if (missing.length === 0) go("declarations");
                else {
                  markFields(Object.fromEntries(missing.map((k) => [`file-${k}`, t("draft.fileMissing")])), neededDocs.map((k) => `file-${k}`));
                  setError(organisation ? t("org.documentsMissingNamed", { list: docList(missing) }) : t("draft.documentsMissing", { count: missing.length }));
                }
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
                <input
                  id={`declaration-${d}`}
                  type="checkbox"
                  checked={declarations[d] === true}
                  onChange={(e) => setDeclarations((x) => ({ ...x, [d]: e.target.checked }))}
                  aria-invalid={fieldErrors[`declaration-${d}`] && !declarations[d] ? true : undefined}
                  className={`mt-1 size-5 ${fieldErrors[`declaration-${d}`] && !declarations[d] ? "outline outline-2 outline-red-700" : ""}`}
                />
                <span>{t(`declaration.${d}`)}</span>
              </label>
            ))}
            <Nav
              back={() => go("documents")}
              next={() => {
                const unticked = DECLARATIONS.filter((d) => !declarations[d]);
                if (unticked.length === 0) return go("fee");
                markFields(Object.fromEntries(unticked.map((d) => [`declaration-${d}`, t("declarationsMissing")])), DECLARATIONS.map((d) => `declaration-${d}`));
                setError(t("draft.declarationsMissing", { count: unticked.length }));
              }}
              busy={busy}
              t={t}
            />
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
            {keyMode === "browser" && keyDone && keyHere === "yes" && !keyProgress ? (
              <p role="status" data-testid="key-here">
                {t("draft.keyHere")}
              </p>
            ) : null}
            {keyMode === "browser" && keyDone && keyHere === "no" ? (
              <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="key-not-here">
                <p>{t("draft.keyNotHere")}</p>
                <button type="button" className={buttonClass.secondary} onClick={onGenerateKey} disabled={busy}>
                  {t("draft.regenerateKey")}
                </button>
              </div>
            ) : null}
            {keyMode === "browser" ? (
              <div className="space-y-2">
                <p className="text-sm text-slate-700" data-testid="browser-key-algorithm" data-algorithm={browserKeyAlgorithm}>
                  {t(`browserKeyAlgorithm.${browserKeyAlgorithm}`)}
                </p>
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
            <Nav back={() => go("fee")} next={() => go("submit")} disabled={!keyDone} busy={busy} t={t} />
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
                {asksScope ? (
                  <>
                    <dt className="font-medium text-slate-600">{t("scopeName")}</dt>
                    <dd>
                      {u(`${scopeKind}` as "平台")} · {scopeName}
                    </dd>
                  </>
                ) : null}
                <dt className="font-medium text-slate-600">{t("keyModeSummary")}</dt>
                <dd data-testid="key-mode-summary" data-mode={keyMode}>
                  {t(`keyModeShort.${keyMode}`)}
                </dd>
                <dt className="font-medium text-slate-600">{t("step.fee")}</dt>
                <dd>{t("feeAmount", { fee })}</dd>
              </dl>
              <Nav back={() => go("key")} next={onSubmit} nextLabel={t("submit")} busy={busy} t={t} />
            </div>
          )
        ) : null}
      </section>
    </div>
  );
}

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
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

function DropZone({
  kind,
  label,
  hint,
  upload,
  missing,
  onFile,
  t,
}: {
  kind: string;
  label: string;
  hint?: string;
  upload?: Upload;
  /** Why this required file is marked (no file yet), when the applicant tried to go on. */
  missing?: string;
  onFile: (f: File) => void;
  t: ReturnType<typeof useTranslations<"applyWizard">>;
}) {
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
      className={`rounded-lg border-2 border-dashed p-4 ${over ? "border-brand-700 bg-brand-50" : missing && upload?.state !== "done" ? "border-red-700" : "border-slate-300"}`}
      data-testid={`drop-${kind}`}
    >
      <label htmlFor={`file-${kind}`} className="block font-medium">
        {label}
      </label>
      {hint ? <p className="text-sm text-slate-700">{hint}</p> : null}
      <p className="text-sm text-slate-600">{t("dropHint")}</p>
      <input
        id={`file-${kind}`}
        type="file"
        accept="image/jpeg,image/png,application/pdf"
        onChange={(e) => e.target.files?.[0] && onFile(e.target.files[0])}
        aria-invalid={missing && upload?.state !== "done" ? true : undefined}
        aria-describedby={missing && upload?.state !== "done" ? `file-${kind}-error` : undefined}
        className="mt-2 block w-full text-sm"
      />
      {missing && upload?.state !== "done" ? (
        <p id={`file-${kind}-error`} className="mt-1 text-sm font-medium text-red-800">
          {missing}
        </p>
      ) : null}
      {upload ? (
        <div className="mt-3 space-y-1" data-testid={`upload-${kind}`} data-state={upload.state}>
          <p className="text-sm">{upload.fileName || t("draft.uploadedBefore")}</p>
          {upload.state === "error" ? (
            // A refusal is not progress: the bar turns red (never a full green bar beside an error).
            <div className="h-2 w-full rounded bg-red-700" data-testid={`upload-bar-${kind}`} data-state="error" aria-hidden="true" />
          ) : (
            <progress max={100} value={upload.progress} className="w-full" aria-label={t("progress", { name: upload.fileName || label })} data-testid={`upload-bar-${kind}`} data-state={upload.state} />
          )}
          {upload.state === "error" ? (
            <p role="alert" data-alert="error" className="text-sm font-medium text-red-800">
              {upload.message ?? t("uploadFailed")}
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
