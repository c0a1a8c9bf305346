/**
 * Whether a navigation link is the current page: "/" only on the home page; any other link on its
 * own path and below it (/ra marks /ra/applications/...), never on a sibling that merely starts
 * with the same letters (/ra is not current on /rates).
 */
export function isCurrentPath(href: string, path: string): boolean {
  const p = path.split(/[?#]/)[0] || "/";
  if (href === "/") return p === "/";
  return p === href || p.startsWith(`${href}/`);
}
