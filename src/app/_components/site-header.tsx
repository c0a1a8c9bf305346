import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/auth";
import { areasFor } from "@/server/auth/roles";
import { getSessionUser } from "@/server/web/session";
import { LanguageSwitch } from "./language-switch";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";
import { buttonClass } from "@/components/ui/styles";

/**
 * Portal name, language switch, sign-in state and the navigation for the user's roles. The
 * links only reflect what the server allows; each page checks the role again itself.
 */
export async function SiteHeader() {
  const [t, user] = await Promise.all([getTranslations(), getSessionUser()]);

  const links: { href: string; label: string }[] = [{ href: "/", label: t("nav.home") }];
  if (user) {
    links.push({ href: "/dashboard", label: t("nav.dashboard") });
    for (const area of areasFor(user)) links.push({ href: `/${area}`, label: t(`nav.${area}`) });
  }
  // The public services, open to everyone (issue 6), in a navigation of their own.
  const publicLinks = ([["/agreement", "agreement"], ["/query", "query"], ["/verify", "verify"], ["/repository", "repository"]] as const).map(([href, key]) => ({
    href,
    label: t(`portalNav.${key}`),
  }));

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 rounded text-lg font-semibold text-brand-900 no-underline">
          <Logo />
          <span>{t("common.portalName")}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <LanguageSwitch />
          {user ? (
            <>
              <span className="hidden text-sm text-slate-600 md:inline" data-testid="signed-in-as">
                {t("common.signedInAs", { email: user.email })}
              </span>
              <form action={signOutAction}>
                <button type="submit" className={buttonClass.smallSecondary}>
                  {t("common.signOut")}
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/sign-in" className={buttonClass.smallSecondary}>
                {t("common.signIn")}
              </Link>
              <Link href="/sign-up" className={buttonClass.smallPrimary}>
                {t("common.signUp")}
              </Link>
            </>
          )}
        </div>
      </div>
      <div className="border-t border-slate-100 bg-slate-50">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-2">
          <nav aria-label={t("common.mainNav")}>
            <ul className="flex flex-wrap gap-x-1 gap-y-1 px-2 py-1.5">
              {links.map((l) => (
                <li key={l.href}>
                  <NavLink href={l.href} className="block rounded px-3 py-2 text-sm font-medium text-slate-700 hover:bg-white hover:text-brand-800 aria-[current=page]:bg-white aria-[current=page]:text-brand-800 aria-[current=page]:shadow-sm">
                    {l.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label={t("portalNav.publicNav")}>
            <ul className="flex flex-wrap gap-x-1 gap-y-1 px-2 py-1.5">
              {publicLinks.map((l) => (
                <li key={l.href}>
                  <NavLink href={l.href} className="block rounded px-3 py-2 text-sm text-slate-600 hover:bg-white hover:text-brand-800 aria-[current=page]:bg-white aria-[current=page]:text-brand-800 aria-[current=page]:shadow-sm">
                    {l.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </header>
  );
}
