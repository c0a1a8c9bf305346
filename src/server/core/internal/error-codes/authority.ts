import type { ErrorEntry } from "./entry";

/**
 * Errors of the authority module's separation-of-duties rules (src/server/auth/party-to-case.ts,
 * staff-standing.ts). Each refusal is also an audit event ("authority.staff-decision-refused").
 */
export const authorityErrors = {
  /** A staff member tried to decide a case they are party to: their own application, payment, certificate, request, or one of an organisation they belong to or act for. */
  CONFLICT_OF_INTEREST: {
    http: 403,
    zh: "您是本案的当事人（本人、本人所属或代理的机构），不能就此作出决定，请交由其他工作人员办理。",
    en: "You are party to this case (yourself, or an organisation you belong to or act for), so you may not decide it. Another staff member must handle it.",
  },
  /** An organisation administrator (or RA officer) tried to make a staff account a member or agent of an organisation: only a CA administrator may. */
  STAFF_ACCOUNT_ADMIN_ONLY: {
    http: 403,
    zh: "该账户属于 CA 工作人员，只有 CA 管理员可以将其加入机构或授权为经办人。",
    en: "This account belongs to a member of the CA's staff: only a CA administrator may add it to an organisation or authorise it as an agent.",
  },
} as const satisfies Record<string, ErrorEntry>;
