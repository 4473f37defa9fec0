import pg from 'pg';

/** The PostgreSQL the suite uses when it is there (CI has it; `PORTICO_TEST_POSTGRES_URL` overrides). */
export const POSTGRES_URL =
  process.env.PORTICO_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers; prints why the PostgreSQL tests skip when it does not. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    console.warn(
      `Skipping the PostgreSQL tests: ${POSTGRES_URL} is not reachable (${(err as Error).message}).`,
    );
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
