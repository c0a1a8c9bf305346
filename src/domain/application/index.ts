export * from "./application-transitions";
export * from "./allowed-actions";
export * from "./changes-since-question";
export * from "./payment-reference";
