// Statements on the PostgreSQL server of TEST_POSTGRES_URL that need a session of their own
// (CREATE / DROP DATABASE cannot run inside a pool's transaction).
import pg from "pg";

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
