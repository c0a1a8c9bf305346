import type { ReactNode } from "react";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";

/** Every page under /admin: signed in with one of AREA_ROLES.admin (CA_ADMIN), else sign-in or 403. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireRole(...AREA_ROLES.admin);
  return children;
}
