import {SQLITE_BASE_COLUMNS as BASE} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const BLOCK_COLUMNS = ['id', 'created', 'updated', 'name', 'blockref', 'data']

/** block as the rename left it (primary key still pk_block_data), optionally with a constraint. */
function createBlockNew(extraConstraint: string): string {
  return `CREATE TABLE block_new (
  ${BASE},
  name VARCHAR NOT NULL,
  blockref VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_data PRIMARY KEY (id)${extraConstraint}
)`
}

const revision: Revision = {
  revision: 'e1ff4973a9eb',
  downRevision: '4c4a6a138053',
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
  fields JSON NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_spec PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_block_spec__updated ON block_spec (updated)',
      'CREATE UNIQUE INDEX uq_block_spec__name_version ON block_spec (name, version)',
      'CREATE INDEX ix_block_spec__type ON block_spec (type)',
    )
    // A UNIQUE constraint on block.name needs a table rebuild; the block_data indexes go with it.
    await rebuildSqliteTable(context.knex, {
      table: 'block',
      createNew: createBlockNew(',\n  CONSTRAINT uq_block__name UNIQUE (name)'),
      columns: BLOCK_COLUMNS,
      indexes: ['CREATE INDEX ix_block__name ON block (name)', 'CREATE INDEX ix_block__updated ON block (updated)'],
    })
  },
  async down(context) {
    // Ours brings ix_block_data__name back unique, as it was before; Prefect's comes back non-unique.
    await rebuildSqliteTable(context.knex, {
      table: 'block',
      createNew: createBlockNew(''),
      columns: BLOCK_COLUMNS,
      indexes: [
        'CREATE INDEX ix_block_data__updated ON block (updated)',
        'CREATE UNIQUE INDEX ix_block_data__name ON block (name)',
      ],
    })
    await sql(context, 'DROP TABLE block_spec')
  },
}

export default revision
