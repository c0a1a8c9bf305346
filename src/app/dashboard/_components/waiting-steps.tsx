import { getLocale, getTranslations } from "next-intl/server";
import type { NextStep } from "@/domain/application";
import { Card } from "@/components/ui/card";
import { NextStepLine } from "@/components/portal/next-step";

type Named = { nameZh: string; nameEn: string };
type WaitingApplication = { id: string; status: string; profile: Named; next: NextStep | null };
type WaitingCertificate = { id: string; profile: Named; next: NextStep | null };

/**
 * The dashboard's "接下来" card (issue 15): every application and certificate someone waits on,
 * with what happens next and who acts. A draft is left to the drafts card; an issued
 * application's step is its certificate's, so each certificate is listed once.
 */
export async function WaitingSteps({ applications, certificates }: { applications: readonly WaitingApplication[]; certificates: readonly WaitingCertificate[] }) {
  const [t, locale] = await Promise.all([getTranslations("waitingSteps"), getLocale()]);
  const name = (p: Named) => (locale === "en" ? p.nameEn : p.nameZh);
  const items: { key: string; title: string; next: NextStep; applicationId: string | null }[] = [];
  const certificatesShown = new Set<string>();
  for (const a of applications) {
    if (!a.next || a.next.step === "CONTINUE_DRAFT") continue;
    if ("certificateId" in a.next) certificatesShown.add(a.next.certificateId);
    items.push({ key: `a-${a.id}`, title: name(a.profile), next: a.next, applicationId: a.id });
  }
  for (const c of certificates) {
    if (!c.next || certificatesShown.has(c.id)) continue;
    items.push({ key: `c-${c.id}`, title: name(c.profile), next: c.next, applicationId: null });
  }
  if (items.length === 0) return null;
  return (
    <Card title={t("title")} id="waiting-steps">
      <ul className="divide-y divide-slate-100" data-testid="waiting-steps">
        {items.map((i) => (
          <li key={i.key} className="space-y-1 py-3">
            <p className="font-medium text-slate-900">{i.title}</p>
            <NextStepLine next={i.next} applicationId={i.applicationId} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
