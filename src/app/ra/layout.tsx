import type { ReactNode } from "react";
import { requireArea } from "@/server/web/guards";

/** Every page under /ra: signed in and allowed into the area (STAFF_AREAS.ra: isRaOfficer), else sign-in or 403. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireArea("ra");
  return children;
}
