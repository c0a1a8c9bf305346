import type { ReactNode } from "react";
import { requireArea } from "@/server/web/guards";

/** Every page under /agent: signed in and allowed into the area (STAFF_AREAS.agent: isAgent), else sign-in or 403. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireArea("agent");
  return children;
}
