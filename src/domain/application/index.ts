export * from "./application-transitions";
