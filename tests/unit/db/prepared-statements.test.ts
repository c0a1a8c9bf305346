import { describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { MAX_PREPARED_STATEMENTS, PREPARED, preparedStatementName } from "@/db/prepared-statements";

const text = (sql: Prisma.Sql) => ({ sql: sql.text });

describe("named prepared statements (only the statements that ask)", () => {
  it("names a marked statement by its text, the same name every time, and never an unmarked one", () => {
    const marked = Prisma.sql`${PREPARED} SELECT 1 WHERE ${1} = ${2}`;
    const name = preparedStatementName(text(marked));
    expect(name).toMatch(/^portal_[0-9a-f]{40}$/);
    expect(preparedStatementName(text(marked))).toBe(name);
    // node-postgres refuses one name for two texts: another marked text gets another name.
    expect(preparedStatementName(text(Prisma.sql`${PREPARED} SELECT 2 WHERE ${1} = ${2}`))).not.toBe(name);
    // Unmarked, or marked anywhere but first: Prisma's own statements stay unnamed.
    expect(preparedStatementName(text(Prisma.sql`SELECT 1 WHERE ${1} = ${2}`))).toBeUndefined();
    expect(preparedStatementName(text(Prisma.sql`SELECT 1 ${PREPARED}`))).toBeUndefined();
  });

  it("names at most MAX_PREPARED_STATEMENTS texts in a process; any beyond run unnamed", () => {
    const names = new Set<string | undefined>();
    for (let i = 0; i < MAX_PREPARED_STATEMENTS + 10; i++) names.add(preparedStatementName({ sql: `/* portal:prepared */ SELECT ${i}` }));
    expect(names.has(undefined)).toBe(true);
    expect([...names].filter((n) => n !== undefined).length).toBeLessThanOrEqual(MAX_PREPARED_STATEMENTS);
    // A text named before the bound was reached keeps its name.
    const first = Prisma.sql`${PREPARED} SELECT 1 WHERE ${1} = ${2}`;
    expect(preparedStatementName(text(first))).toMatch(/^portal_/);
  });
});
