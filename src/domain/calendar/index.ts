// The chinese-days seed is not re-exported: it carries the package's data file, which only the
// server's seeding needs. Import it from "@/domain/calendar/chinese-days-seed".
export * from "./shanghai-time";
export * from "./work-calendar";
export * from "./test-window";
export * from "./working-day-period";
export * from "./calendar-records";
