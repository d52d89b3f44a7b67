import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Every v1 (tag) concurrency limit becomes a v2 limit named `tag:<tag>` with the same id, limit and
 * timestamps, active, holding as many slots as the v1 limit had active, no decay and a 600 s
 * average occupancy; a v2 limit of that name already there is kept as it is. Then the v1 table is
 * emptied. Prefect also registers one lease per active slot in its lease storage, which lives
 * outside this database (in memory by default) and is not ours to write.
 *
 * The downgrade turns the `tag:` v2 limits back into v1 limits. Their active slots would come from
 * that lease storage, which a migration run cannot see (Prefect's default storage is in memory and
 * empty in a fresh process), so they come back empty, as Prefect's do then.
 */
const revision: Revision = {
  revision: '9e83011d1f2a',
  downRevision: '8bb517bae6f9',
  message: 'Migrate V1 concurrency limits to V2',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `INSERT INTO concurrency_limit_v2
        (id, name, "limit", active, active_slots, denied_slots, slot_decay_per_second, avg_slot_occupancy_seconds, created, updated)
      SELECT v1.id, 'tag:' || v1.tag, v1.concurrency_limit, 1,
        CASE WHEN v1.active_slots IS NULL OR v1.active_slots = '' THEN 0
             ELSE (SELECT count(*) FROM json_each(v1.active_slots)) END,
        0, 0.0, 600.0, v1.created, v1.updated
      FROM concurrency_limit AS v1
      WHERE NOT EXISTS (SELECT 1 FROM concurrency_limit_v2 AS v2 WHERE v2.name = 'tag:' || v1.tag)`,
      'DELETE FROM concurrency_limit',
    )
  },
  async down(context) {
    await sql(
      context,
      `INSERT INTO concurrency_limit (id, tag, concurrency_limit, active_slots, created, updated)
      SELECT id, substr(name, 5), "limit", '[]', created, updated
      FROM concurrency_limit_v2 WHERE name LIKE 'tag:%'`,
      // The foreign key's ON DELETE SET NULL, done by hand: the run has foreign keys off (as
      // Prefect's has, which would leave such deployments pointing at nothing).
      `UPDATE deployment SET concurrency_limit_id = NULL
      WHERE concurrency_limit_id IN (SELECT id FROM concurrency_limit_v2 WHERE name LIKE 'tag:%')`,
      "DELETE FROM concurrency_limit_v2 WHERE name LIKE 'tag:%'",
    )
  },
}

export default revision
