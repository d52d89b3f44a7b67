import {PG_BASE_COLUMNS as BASE} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '5bff7878e700',
  downRevision: '5f376def75c3',
  message: 'Add agents and work queue',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE work_queue (
  ${BASE},
  name VARCHAR NOT NULL,
  filter JSONB NOT NULL DEFAULT '{}',
  description VARCHAR NOT NULL DEFAULT '',
  is_paused BOOLEAN NOT NULL DEFAULT false,
  concurrency_limit INTEGER,
  CONSTRAINT pk_work_queue PRIMARY KEY (id),
  CONSTRAINT uq_work_queue__name UNIQUE (name)
)`,
      'CREATE INDEX ix_work_queue__updated ON work_queue (updated)',
      `CREATE TABLE agent (
  ${BASE},
  name VARCHAR NOT NULL,
  last_activity_time TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
  work_queue_id UUID NOT NULL,
  CONSTRAINT pk_agent PRIMARY KEY (id),
  CONSTRAINT uq_agent__name UNIQUE (name),
  CONSTRAINT fk_agent__work_queue_id__work_queue FOREIGN KEY (work_queue_id) REFERENCES work_queue (id)
)`,
      'CREATE INDEX ix_agent__updated ON agent (updated)',
      'CREATE INDEX ix_agent__work_queue_id ON agent (work_queue_id)',
    )
  },
  async down(context) {
    await sql(context, 'DROP TABLE agent', 'DROP TABLE work_queue')
  },
}

export default revision
