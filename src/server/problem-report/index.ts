// The problem-report area's public face: its use cases, read models and what other areas and the app may use.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./decide-problem-report";
export * from "./get-problem-report";
export * from "./get-problem-report-status";
export * from "./issue-problem-report-challenges";
export * from "./list-problem-reports";
export * from "./send-preliminary-report";
export * from "./submit-problem-report";
export { solveProofOfWork } from "./internal/proof-of-work";
export { keyProofText } from "@/domain/problem-report";
export * from "./sweep-problem-report-alerts";
