import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * work_queue.work_pool_id is already NOT NULL since f98ae6d8e2cc, so only work_pool_queue goes.
 * The downgrade leaves work_pool_id NOT NULL (Prefect's makes it nullable), as the schema before
 * this revision has it.
 */
const revision: Revision = {
  revision: '2a88656f4a23',
  downRevision: 'f98ae6d8e2cc',
  message: 'Clean up work queue migration',
  transaction: true,
  async up(context) {
    await sql(context, 'DROP TABLE work_pool_queue')
  },
  async down(context) {
    await sql(
      context,
      `CREATE TABLE work_pool_queue (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        name VARCHAR NOT NULL,
        description VARCHAR,
        is_paused BOOLEAN NOT NULL DEFAULT false,
        concurrency_limit INTEGER,
        priority INTEGER NOT NULL,
        work_pool_id UUID NOT NULL,
        CONSTRAINT pk_work_pool_queue PRIMARY KEY (id),
        CONSTRAINT uq_work_pool_queue__work_pool_id_name UNIQUE (work_pool_id, name),
        CONSTRAINT fk_work_pool_queue__work_pool_id__work_pool FOREIGN KEY (work_pool_id) REFERENCES work_pool (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX ix_work_pool_queue__work_pool_id_priority ON work_pool_queue (work_pool_id, priority)',
      'CREATE INDEX ix_work_pool_queue__work_pool_id ON work_pool_queue (work_pool_id)',
      'CREATE INDEX ix_work_pool_queue__updated ON work_pool_queue (updated)',
    )
  },
}

export default revision
