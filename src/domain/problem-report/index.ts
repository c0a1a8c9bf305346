export * from "./allowed-actions";
export * from "./categories";
export * from "./clock";
export * from "./key-proof-text";
export * from "./proof-of-work";
export * from "./reference";
export * from "./serial";
export * from "./sha256";
