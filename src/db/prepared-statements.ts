// Named prepared statements for the few hot raw statements that ask for one (issue 16: the public
// query by serial, p99 < 5 ms on a million certificates). Prisma's PostgreSQL adapter sends every
// statement unnamed, so PostgreSQL parses and plans it on each call: for the query by serial (a
// rate-limit upsert joined to the certificate, its profile, issuer, organisation and objections)
// that was ~0.7 of its ~0.95 ms on the server. A named statement is parsed once per connection and,
// after five calls, runs on PostgreSQL's cached generic plan.
//
// Only statements that begin with PREPARED are named, by a hash of their text: naming every
// statement Prisma generates would keep one server-side statement per distinct text (IN lists of
// every length) on each pooled connection for the connection's life. The names are bounded too.
// On PGlite the mark is an ordinary comment.
import { createHash } from "node:crypto";
import { Prisma } from "../generated/prisma/client";

const MARK = "/* portal:prepared */";

/** Put first in a raw statement: `db.$queryRaw\`${PREPARED} SELECT ...\`` (the text must not vary beyond its parameters). */
export const PREPARED: Prisma.Sql = Prisma.raw(MARK);

/** At most this many distinct texts are named per process; any beyond run unnamed, as before. */
export const MAX_PREPARED_STATEMENTS = 64;

const names = new Map<string, string>();

/**
 * The adapter's statementNameGenerator: a stable name for a marked statement's text, undefined for
 * every other (node-postgres then sends it unnamed). The name is the text's hash, because
 * node-postgres refuses one name for two texts.
 */
export function preparedStatementName(query: { sql: string }): string | undefined {
  if (!query.sql.startsWith(MARK)) return undefined;
  let name = names.get(query.sql);
  if (name === undefined) {
    if (names.size >= MAX_PREPARED_STATEMENTS) return undefined;
    name = `portal_${createHash("sha256").update(query.sql).digest("hex").slice(0, 40)}`;
    names.set(query.sql, name);
  }
  return name;
}
