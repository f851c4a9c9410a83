import Redis from 'ioredis';
import { Client } from 'pg';
import { currentTestRun } from './test-environment';

/** Drops this run's database and Redis keys; set KEEP_TEST_DATABASE=1 to inspect them. */
export default async function globalTeardown(): Promise<void> {
  const run = currentTestRun();
  if (process.env.KEEP_TEST_DATABASE === '1') {
    console.log(`\nkept test database ${run.databaseName} and Redis prefix ${run.redisKeyPrefix}`);
    return;
  }
  const admin = new Client({ connectionString: run.serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${run.databaseName} WITH (FORCE)`);
  await admin.end();

  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${run.redisKeyPrefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
}
