import type { ReactNode } from "react";
import { requireArea } from "@/server/web/guards";

/** Every page under /admin: signed in and allowed into the area (STAFF_AREAS.admin: isCaAdmin), else sign-in or 403. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireArea("admin");
  return children;
}
