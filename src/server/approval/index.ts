// The approval area's public face (dual control, issue 14 item 5): its use cases, read models and
// what other areas and the app may use. Other areas import this file only.
export * from "./request-approval";
export * from "./approve-request";
export * from "./reject-request";
export * from "./list-approvals";
export * from "./get-approval";
export * from "./sweep-expired-approvals";
export * from "./get-recovered-key";
export type { ApprovalView } from "./internal/approval-view";
export type { ApprovalSummary } from "./internal/approvable";
