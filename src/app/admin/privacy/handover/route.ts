import { withRole } from "@/server/web/guards";
import { isCaAdmin } from "@/server/auth/roles";
import { exportForSuccessor } from "@/server/privacy/export-for-successor";
import { tarArchive } from "@/server/privacy/handover-archive";

/** Cessation: the successor CA's hand-over package (manifest + NDJSON files) as one tar file. */
export const GET = withRole(isCaAdmin, async (_req, { ctx }) => {
  const r = await exportForSuccessor(ctx, {});
  const at = new Date(r.manifest.generatedAt);
  const tar = tarArchive([{ name: "manifest.json", content: r.manifestJson }, ...r.files.map((f) => ({ name: f.name, content: f.content }))], at);
  return new Response(new Uint8Array(tar), {
    headers: {
      "content-type": "application/x-tar",
      "content-disposition": `attachment; filename="successor-handover-${r.manifest.generatedAt.replace(/[:.]/g, "-")}.tar"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "x-manifest-sha256": r.manifestSha256,
    },
  });
});
