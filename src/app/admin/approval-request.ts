/**
 * Dual control at the web edge: the admin forms that used to act ask for approval instead
 * (requestApproval checks the payload with the action's own schema) and go to the request's page,
 * which says it waits for another administrator.
 */
export const APPROVAL_REQUESTED = { ok: "approvalRequested", next: (r: { id: string }) => `/admin/approvals/${r.id}` };
