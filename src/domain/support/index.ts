export * from "./request-actions";
export * from "./desk-sla";
