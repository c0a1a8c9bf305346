import type { NextRequest } from "next/server";
import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { handlers } from "@/server/web/auth";
import { errorResponse } from "@/server/web/guards";
import { assertSmallForm } from "@/server/web/small-form";

export const { GET } = handlers;

/** Sign-in, sign-out and CSRF posts are small forms: anything larger is refused before Auth.js reads it. */
export async function POST(req: NextRequest): Promise<Response> {
  try {
    assertSmallForm(req);
  } catch (e) {
    return errorResponse(e, catalogLang(await getLocale()));
  }
  return handlers.POST(req);
}
