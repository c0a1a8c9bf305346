"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { isCurrentPath } from "./nav-current";

/**
 * A header link that marks itself current from the browser's path. The header lives in the root
 * layout, which Next.js keeps across client-side navigations: a path read on the server when the
 * layout was first rendered (/dashboard after sign-in) went on marking "我的证书" on every RA page
 * (issue 15).
 */
export function NavLink({ href, className, children }: { href: string; className: string; children: ReactNode }) {
  const path = usePathname();
  return (
    <Link href={href} aria-current={isCurrentPath(href, path) ? "page" : undefined} className={className}>
      {children}
    </Link>
  );
}
