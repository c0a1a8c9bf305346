// Config for the offline migration tool (Prisma 6.19). The "js" engine is Prisma's WebAssembly
// schema engine; it talks to databases only through a driver adapter. An in-memory PGlite is
// that database (and the shadow database for --from-migrations), so nothing needs a server.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

const config = {
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPGlite(new PGlite()),
};

export default config;
