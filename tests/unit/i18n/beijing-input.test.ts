import { describe, expect, it } from "vitest";
import { beijingDayEdge, beijingLocalDateTime } from "@/i18n/beijing-input";

describe("Beijing-time form inputs", () => {
  it("reads a datetime-local value as Beijing time", () => {
    expect(new Date(beijingLocalDateTime("2026-11-24T09:30")).toISOString()).toBe("2026-11-24T01:30:00.000Z");
    expect(beijingLocalDateTime("not a time")).toBe("not a time");
    expect(beijingLocalDateTime("2026-11-24T09:30:00Z")).toBe("2026-11-24T09:30:00Z");
  });

  it("gives the first and last millisecond of a Beijing day", () => {
    expect(new Date(beijingDayEdge("2026-11-24", "start")).toISOString()).toBe("2026-11-23T16:00:00.000Z");
    expect(new Date(beijingDayEdge("2026-11-24", "end")).toISOString()).toBe("2026-11-24T15:59:59.999Z");
    expect(beijingDayEdge("24/11/2026", "end")).toBe("24/11/2026");
  });
});
