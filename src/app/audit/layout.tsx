import type { ReactNode } from "react";
import { requireArea } from "@/server/web/guards";

/** Every page under /audit: signed in and allowed into the area (STAFF_AREAS.audit: isAuditor), else sign-in or 403. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireArea("audit");
  return children;
}
