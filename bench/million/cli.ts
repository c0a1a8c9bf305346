// npm run bench:million [-- --generate [--scale S]]
//   --generate   fills the PostgreSQL database at DATABASE_URL (migrated here if it is not yet) with
//                the million-certificate data set (generate.ts); refuses a database that holds certificates.
//   (none)       measures that database (measure.ts) and prints p50/p99 beside the targets.
// The CA keys of the generated hierarchy stay in MILLION_DATA_DIR (default .data/bench-million):
// measuring re-signs a CRL with them. Not part of the test command.
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/open";
import { AlreadyGenerated, generateMillion } from "./generate";
import { FIGURE_HEADER, millionProbes, runProbes } from "./measure";
import { countsForScale, millionCaConfig } from "./setup";

const { values } = parseArgs({
  options: {
    generate: { type: "boolean", default: false },
    scale: { type: "string", default: "1" },
    iterations: { type: "string", default: "1" },
    help: { type: "boolean", short: "h", default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.log("npm run bench:million [-- --generate [--scale 1]] [-- --iterations 1]\nDATABASE_URL: a PostgreSQL database (e.g. from bash scripts/pg-throwaway.sh start).");
    return 0;
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL must name a PostgreSQL database (e.g. eval \"$(bash scripts/pg-throwaway.sh start)\"; DATABASE_URL=$TEST_POSTGRES_URL).");
    return 2;
  }
  const scale = Number(values.scale);
  const iterations = Number(values.iterations);
  if (!Number.isFinite(iterations) || iterations <= 0) {
    console.error(`--iterations must be a positive number (got ${values.iterations})`);
    return 2;
  }
  const db = await openDatabase({ databaseUrl: url, onWarning: () => undefined });
  try {
    if (values.generate) {
      let counts;
      try {
        counts = countsForScale(scale);
      } catch (e) {
        console.error((e as Error).message);
        return 2;
      }
      console.log(`generating: ${JSON.stringify(counts)}`);
      const report = await generateMillion(db.prisma, { counts, ca: millionCaConfig(), log: (l) => console.log(`  ${l}`) });
      console.log(`generated in ${report.seconds.toFixed(1)} s`);
      return 0;
    }
    const probes = await millionProbes(db.prisma, millionCaConfig(), { iterations });
    console.log(FIGURE_HEADER);
    const figures = await runProbes(probes, (l) => console.log(l));
    return figures.every((f) => f.ok) ? 0 : 1;
  } catch (e) {
    if (e instanceof AlreadyGenerated) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
