export * from "./authorisation-state";
