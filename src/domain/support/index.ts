export * from "./request-actions";
