// The page scan: `test` and `expect` like @playwright/test's, with an automatic fixture that reads
// every page the test opens (its own page, and pages of contexts it makes with browser.newContext)
// after each document load and each client-side navigation, and fails the test at its end listing
// page URL and finding: a UTC "…Z" time, a raw enum value, an untranslated message key. A spec
// opts in by importing { test, expect } from "./support/page-scan" instead of "@playwright/test".
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { findRawText, scanPatterns, type ScanFinding } from "./page-scan-detector";

export { expect };

type Recorded = ScanFinding & { url: string };

const patterns = scanPatterns();

/**
 * One evaluate per load: the walk and the matching run in the page; only findings come back. The
 * detector goes as an expression (its source called on document.body), so the page's CSP, which
 * forbids eval in the page, does not apply.
 */
async function scanPage(page: Page): Promise<{ url: string; found: Recorded[] }> {
  const url = page.url();
  const found = (await page.evaluate(`(${findRawText.toString()})(document.body, ${JSON.stringify(patterns)}, document.title)`)) as ScanFinding[];
  return { url, found: found.map((f) => ({ ...f, url })) };
}

/** A scan that failed because the page went away is no finding; any other failure is one. */
const GONE = /Execution context was destroyed|Target page, context or browser has been closed|Target closed|navigation|frame was detached/i;

function watchPage(page: Page, record: (p: ReturnType<typeof scanPage>) => void): void {
  // A navigation request on the main frame means a document load; its `load` event scans. A
  // main-frame navigation without one is client-side (router push, server action redirect): scan then.
  let loading = false;
  const scan = () => record(scanPage(page));
  page.on("request", (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) loading = true;
  });
  page.on("load", () => {
    loading = false;
    scan();
  });
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame() && !loading) scan();
  });
}

type ScanFixture = {
  pageScan: {
    findings: Recorded[];
    /** Every page address a scan completed on (to prove the journey was read, not only run). */
    scanned: Set<string>;
    /** Waits for the scans under way. */
    settle(): Promise<void>;
    /** Scans a page now: for content that changed in place (a verdict, a dialog) without a navigation. */
    scan(page: Page): Promise<void>;
  };
};

export const test = base.extend<ScanFixture>({
  pageScan: [
    async ({ browser, context }, provide, testInfo) => {
      const findings: Recorded[] = [];
      const scanned = new Set<string>();
      const pending = new Set<Promise<unknown>>();
      const record = (p: ReturnType<typeof scanPage>) => {
        const done = p.then(
          (r) => {
            findings.push(...r.found);
            scanned.add(r.url);
          },
          (e: unknown) => {
            // The page navigated away or closed mid-scan: the next load is scanned.
            if (!GONE.test(String(e))) findings.push({ kind: "scan-error", text: String(e).slice(0, 200), context: "", url: "" });
          },
        );
        pending.add(done);
        void done.finally(() => pending.delete(done));
      };
      const settle = async () => {
        while (pending.size > 0) await Promise.all([...pending]);
      };
      const watchContext = (c: BrowserContext) => {
        c.pages().forEach((p) => watchPage(p, record));
        c.on("page", (p) => watchPage(p, record));
      };
      watchContext(context);
      // Journeys open a second person's browser with browser.newContext(): scan those pages too.
      const original = browser.newContext.bind(browser) as Browser["newContext"];
      browser.newContext = (async (...args: Parameters<Browser["newContext"]>) => {
        const c = await original(...args);
        watchContext(c);
        return c;
      }) as Browser["newContext"];
      try {
        await provide({ findings, scanned, settle, scan: async (p: Page) => (record(scanPage(p)), settle()) });
      } finally {
        browser.newContext = original;
      }
      await settle();
      const seen = new Set<string>();
      const lines: string[] = [];
      for (const f of findings) {
        const line = `${f.url ? new URL(f.url).pathname + new URL(f.url).search : "?"}: ${f.kind} "${f.text}" in "${f.context}"`;
        if (seen.has(line)) continue;
        seen.add(line);
        lines.push(line);
      }
      if (lines.length > 0) await testInfo.attach("page-scan", { body: lines.join("\n"), contentType: "text/plain" });
      expect(lines, "the page scan found codes where people read words").toEqual([]);
    },
    { auto: true },
  ],
  // page.goto resolves only after the scan of the page it loaded has finished, so a finding is
  // recorded against the page the spec just opened (the specs' calls stay as they are).
  page: async ({ page, pageScan }, provide) => {
    const goto = page.goto.bind(page);
    page.goto = (async (...args: Parameters<Page["goto"]>) => {
      const response = await goto(...args);
      // The load listener started the scan; wait for it rather than read the same page twice. If
      // it did not complete on this address (the page rewrote its URL or reloaded meanwhile), read it now.
      await pageScan.settle();
      if (!pageScan.scanned.has(page.url())) await pageScan.scan(page);
      return response;
    }) as Page["goto"];
    await provide(page);
  },
});
