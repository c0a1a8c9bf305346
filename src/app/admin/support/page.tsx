import { getTranslations } from "next-intl/server";
import { DeskInbox } from "@/app/ra/support/_components/desk-inbox";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";

export async function generateMetadata() {
  return { title: (await getTranslations("console.supportDesk"))("title") };
}

/** The CA administrator's support desk: every request (auth/support-desk-access.ts), the RA desk's page and forms. */
export default async function Page({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const user = await requireArea("admin");
  const [sp, ctx] = await Promise.all([searchParams, serviceContext(user)]);
  return <DeskInbox ctx={ctx} base="/admin/support" area="admin" requestedView={sp.view} />;
}
