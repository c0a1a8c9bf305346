export * from "./application-transitions";
export * from "./allowed-actions";
export * from "./wizard-steps";
export * from "./changes-since-question";
export * from "./payment-reference";
