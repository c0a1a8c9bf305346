// The metrics area's public face: what ca-service records and what the /metrics route renders.
// Other areas import this file only; helpers that nothing outside the area needs live in internal/.
export * from "./record-pki-request";
export * from "./render-metrics";
export * from "./scrape-access";
