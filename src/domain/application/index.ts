export * from "./application-transitions";
export * from "./allowed-actions";
export * from "./wizard-steps";
export * from "./changes-since-question";
export * from "./next-step";
export * from "./transfer-reference";
export * from "./payment-reference";
