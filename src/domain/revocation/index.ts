export * from "./reasons";
export * from "./ca-grounds";
export * from "./sla";
export * from "./request-actions";
export * from "./open-requests";
export * from "./serial-list";
