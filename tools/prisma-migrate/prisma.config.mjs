// Config for the offline migration tool (Prisma 6.19). The "js" engine is Prisma's WebAssembly
// schema engine; it reaches databases only through a driver adapter. In-memory PGlite serves as
// both the database and the shadow database (for --from-migrations), so nothing needs a server.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The schema engine replays each migration.sql through executeRaw without parameters, which the
// adapter sends as one prepared statement (PostgreSQL refuses several commands in one). Scripts
// without parameters go through PGlite's exec (simple query protocol) instead; executeScript is
// awaited, which the adapter forgets to do.
async function scriptCapable(lite) {
  const adapter = await new PrismaPGlite(lite).connect();
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    const results = await lite.exec(query.sql);
    return results.reduce((n, r) => n + (r.affectedRows ?? 0), 0);
  };
  adapter.executeScript = async (script) => {
    await lite.exec(script);
  };
  return adapter;
}

const config = {
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const factory = new PrismaPGlite(new PGlite());
    factory.connectToShadowDb = () => scriptCapable(new PGlite());
    return factory;
  },
};

export default config;
