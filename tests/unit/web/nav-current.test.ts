import { describe, expect, it } from "vitest";
import { isCurrentPath } from "@/app/_components/nav-current";

describe("isCurrentPath (the header's current item, issue 15)", () => {
  it("marks a console area on its pages, and not the dashboard there", () => {
    expect(isCurrentPath("/ra", "/ra/applications/6f1c0b2e-0000-4000-8000-000000000001")).toBe(true);
    expect(isCurrentPath("/dashboard", "/ra")).toBe(false);
    expect(isCurrentPath("/dashboard", "/dashboard")).toBe(true);
  });
  it("marks home only on home, and no sibling path that merely shares letters", () => {
    expect(isCurrentPath("/", "/")).toBe(true);
    expect(isCurrentPath("/", "/ra")).toBe(false);
    expect(isCurrentPath("/ra", "/rates")).toBe(false);
    expect(isCurrentPath("/agent", "/agent?x=1")).toBe(true);
  });
});
