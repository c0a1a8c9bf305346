import { getLocale, getTranslations } from "next-intl/server";
import { createRaAction, retireRaAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { registrationAuthorities } from "@/server/ra/list-registration-authorities";

export async function generateMetadata() {
  return { title: (await getTranslations("console.ras"))("title") };
}

const HERE = "/admin/registration-authorities";

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [locale, t, e] = await Promise.all([getLocale(), getTranslations("console.ras"), getTranslations("enums")]);
  const ras = await registrationAuthorities(await serviceContext(user), {});
  // The successors one may choose; whether to offer retiring at all is the read model's can.retire.
  const active = ras.filter((r) => r.status === "ACTIVE");
  return (
    <div className="space-y-6" data-testid="admin-ras">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <Card title={t("list")}>
        <ScrollTable label={t("list")}>
          <table className="w-full text-left text-sm" data-testid="ra-table">
            <thead className="border-b border-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("col.name")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.status")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.officers")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.open")}</th>
                <th scope="col" className="py-2 pr-3">{t("col.retire")}</th>
              </tr>
            </thead>
            <tbody>
              {ras.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="ra-row" data-ra-id={r.id} data-name={r.name}>
                  <td className="py-2 pr-3 font-medium">{r.name}</td>
                  <td className="py-2 pr-3" data-testid="ra-status" data-status={r.status}>
                    {e(`RegistrationAuthorityStatus.${r.status}`)}
                    {r.successor ? <div className="text-xs text-slate-600">{t("successor", { name: r.successor.name })}</div> : null}
                    {r.closedAt ? <div className="text-xs text-slate-600">{formatDateTime(r.closedAt, locale)}</div> : null}
                  </td>
                  <td className="py-2 pr-3" data-testid="ra-officers">
                    {r.officers}
                    {r.officersEveryRa > 0 ? <div className="text-xs text-slate-600">{t("officersEveryRa", { count: r.officersEveryRa })}</div> : null}
                  </td>
                  <td className="py-2 pr-3" data-testid="ra-open">{r.openApplications}</td>
                  <td className="py-2 pr-3">
                    {r.can.retire.ok ? (
                      <form action={retireRaAction} className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="back" value={HERE} />
                        <input type="hidden" name="registrationAuthorityId" value={r.id} />
                        <Field id={`status-${r.id}`} label={t("newStatus")}>
                          <Select id={`status-${r.id}`} name="status">
                            <option value="MERGED">{e("RegistrationAuthorityStatus.MERGED")}</option>
                            <option value="CLOSED">{e("RegistrationAuthorityStatus.CLOSED")}</option>
                          </Select>
                        </Field>
                        <Field id={`successor-${r.id}`} label={t("chooseSuccessor")}>
                          <Select id={`successor-${r.id}`} name="successorId">
                            {active.filter((a) => a.id !== r.id).map((a) => (
                              <option key={a.id} value={a.id}>{a.name}</option>
                            ))}
                          </Select>
                        </Field>
                        <SubmitButton pendingLabel={t("working")} variant="secondary">{t("retire")}</SubmitButton>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </Card>
      <Card title={t("create")}>
        <form action={createRaAction} className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="back" value={HERE} />
          <Field id="ra-name" label={t("name")}>
            <Input id="ra-name" name="name" required minLength={2} />
          </Field>
          <SubmitButton pendingLabel={t("working")}>{t("createButton")}</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
