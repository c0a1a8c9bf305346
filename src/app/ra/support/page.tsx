import { getTranslations } from "next-intl/server";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { DeskInbox } from "./_components/desk-inbox";

export async function generateMetadata() {
  return { title: (await getTranslations("console.supportDesk"))("title") };
}

/** The RA officer's support desk: the requests of their RA and of none (auth/support-desk-access.ts). */
export default async function Page({ searchParams }: { searchParams: Promise<{ view?: string }> }) {
  const user = await requireArea("ra");
  const [sp, ctx] = await Promise.all([searchParams, serviceContext(user)]);
  return <DeskInbox ctx={ctx} base="/ra/support" area="ra" requestedView={sp.view} />;
}
