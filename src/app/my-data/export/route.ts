import { withRole } from "@/server/web/guards";
import { exportMyData } from "@/server/privacy/export-my-data";

export const dynamic = "force-dynamic";

/** Clause 6: the signed-in person's data as one JSON file (POST: the export is recorded). */
export const POST = withRole("signed-in", async (_req, { ctx }) => {
  const data = await exportMyData(ctx, {});
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="my-data-${day}.json"`,
      "cache-control": "no-store",
    },
  });
});
