import { getTranslations } from "next-intl/server";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { listStaffSecondFactors } from "@/server/second-factor/list-staff-second-factors";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { resetSecondFactorsAction } from "./actions";

export async function generateMetadata() {
  return { title: (await getTranslations("staffSecurity"))("title") };
}

/** Staff accounts and their second factors; a CA administrator resets another's (never their own). */
export default async function StaffSecondFactorsPage({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [t, roles] = await Promise.all([getTranslations("staffSecurity"), getTranslations("roles")]);
  const rows = await listStaffSecondFactors(await serviceContext(user), {});
  return (
    <div className="space-y-6" data-testid="area-admin">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current="/admin/staff" />
      <OutcomeBanner ok={sp.ok} error={sp.error} namespace="staffSecurity.outcome" />
      <Card>
        <ScrollTable label={t("title")}>
          <table className="w-full text-left text-sm" data-testid="staff-factors">
            <caption className="sr-only">{t("title")}</caption>
            <thead className="border-b border-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-3">{t("account")}</th>
                <th scope="col" className="py-2 pr-3">{t("roles")}</th>
                <th scope="col" className="py-2 pr-3">{t("factors")}</th>
                <th scope="col" className="py-2 pr-3"><span className="sr-only">{t("reset")}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const factors = [r.totp ? t("totp") : null, r.passkeys > 0 ? t("passkeys", { n: r.passkeys }) : null].filter(Boolean).join(", ") || t("none");
                return (
                  <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="staff-row" data-email={r.email}>
                    <td className="break-all py-2 pr-3">{r.email}</td>
                    <td className="py-2 pr-3">{r.roles.map((x) => roles(x)).join(", ")}</td>
                    <td className="py-2 pr-3" data-testid="staff-factors-state" data-enrolled={r.enrolled ? "true" : "false"}>
                      {factors}
                    </td>
                    <td className="py-2 pr-3">
                      {r.self ? (
                        <span className="text-slate-600">{t("self")}</span>
                      ) : r.enrolled ? (
                        <form action={resetSecondFactorsAction}>
                          <input type="hidden" name="userId" value={r.id} />
                          {/* The visible words begin the accessible name (axe label-content-name-mismatch); the address tells the rows apart. */}
                          <button type="submit" className={buttonClass.secondary}>
                            {t("reset")}
                            <span className="sr-only"> {r.email}</span>
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      </Card>
    </div>
  );
}
