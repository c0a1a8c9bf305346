export * from "./certificate-status";
export * from "./certificate-actions";
export * from "./pkcs12-password";
export * from "./server-key-algorithms";
export * from "./allowed-actions";
export * from "./renewal-window";
export * from "./objection-actions";
export * from "./serial-number";
