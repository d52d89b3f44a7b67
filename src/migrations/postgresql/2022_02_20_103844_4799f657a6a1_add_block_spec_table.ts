import {PG_BASE_COLUMNS as BASE} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '4799f657a6a1',
  downRevision: 'd9d98a9ebb6f',
  message: 'Add block_spec table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_spec (
  ${BASE},
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  type VARCHAR,
  fields JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_spec PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_block_spec__updated ON block_spec (updated)',
      'CREATE UNIQUE INDEX uq_block_spec__name_version ON block_spec (name, version)',
      'CREATE INDEX ix_block_spec__type ON block_spec (type)',
      'DROP INDEX ix_block_data__name',
      'DROP INDEX ix_block_data__updated',
      'CREATE INDEX ix_block__name ON block (name)',
      'CREATE INDEX ix_block__updated ON block (updated)',
      'ALTER TABLE block ADD CONSTRAINT uq_block__name UNIQUE (name)',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE block DROP CONSTRAINT uq_block__name',
      'DROP INDEX ix_block__updated',
      'DROP INDEX ix_block__name',
      'CREATE INDEX ix_block_data__updated ON block (updated)',
      // Ours brings ix_block_data__name back unique, as it was before; Prefect's comes back non-unique.
      'CREATE UNIQUE INDEX ix_block_data__name ON block (name)',
      'DROP TABLE block_spec',
    )
  },
}

export default revision
