import { EntityManager } from 'typeorm';

/**
 * Planner settings, for the caller's transaction only, for the transactions that read and write
 * thousands of rows by key while a bulk import grows the tables under them: the import's
 * batches, its ticket projection and the KPI projection. Their tables outgrow the planner's
 * statistics within seconds (autovacuum analyzes them a minute later at best, and not at all
 * where it is off), and the default costs then chose badly:
 * - JIT: estimates past its threshold had every statement compiled, which took longer than
 *   running it (~100 ms against ~2 ms);
 * - random_page_cost 1.1 instead of 4: the default prices each index probe as a disk seek, so a
 *   lookup of 1,000 keys scanned whole 100,000-row tables instead (about 230 such scans in one
 *   1M-event benchmark run, by auto_explain). These tables are read from memory.
 */
export async function useKeyedBatchPlans(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`);
}
