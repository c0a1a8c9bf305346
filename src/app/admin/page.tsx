import { getTranslations } from "next-intl/server";
import { AreaPlaceholder } from "@/components/area-placeholder";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("areas.admin"))("title") };
}

export default async function Page() {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  await requireRole(...AREA_ROLES.admin);
  return <AreaPlaceholder area="admin" />;
}
