import { getTranslations } from "next-intl/server";
import { DeskThread } from "@/app/ra/support/_components/desk-thread";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";

export async function generateMetadata() {
  return { title: (await getTranslations("console.supportDesk"))("title") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

/** One support request on the CA administrator's desk. */
export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("admin");
  const [{ id }, sp, ctx] = await Promise.all([params, searchParams, serviceContext(user)]);
  return <DeskThread ctx={ctx} id={id} base="/admin/support" area="admin" outcome={sp} />;
}
