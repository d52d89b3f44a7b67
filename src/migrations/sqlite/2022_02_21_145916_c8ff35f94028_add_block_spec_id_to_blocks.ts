import {SQLITE_BASE_COLUMNS} from '../helpers/base-columns.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

/*
 * block gets a NOT NULL block_spec_id without a default: as in Prefect, this fails on a block
 * table that holds rows (the copy into the rebuilt table violates NOT NULL).
 */
const revision: Revision = {
  revision: 'c8ff35f94028',
  downRevision: 'f327e877e423',
  message: 'Add block_spec_id to blocks',
  transaction: true,
  async up({knex}) {
    await rebuildSqliteTable(knex, {
      table: 'block',
      createNew: `CREATE TABLE block_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  block_spec_id CHAR(36) NOT NULL,
  is_default_storage_block BOOLEAN DEFAULT '0',
  CONSTRAINT pk_block_data PRIMARY KEY (id),
  CONSTRAINT fk_block__block_spec_id__block_spec FOREIGN KEY (block_spec_id) REFERENCES block_spec (id) ON DELETE cascade
)`,
      columns: ['id', 'created', 'updated', 'name', 'data'],
      indexes: [
        'CREATE INDEX ix_block__is_default_storage_block ON block (is_default_storage_block)',
        'CREATE INDEX ix_block__name ON block (name)',
        'CREATE INDEX ix_block__updated ON block (updated)',
        'CREATE UNIQUE INDEX uq_block__spec_id_name ON block (block_spec_id, name)',
      ],
    })
  },
  async down({knex}) {
    // Restores more than Prefect's downgrade: blockref NOT NULL (rows get '') and the UNIQUE constraint on name.
    await knex.raw('ALTER TABLE block ADD COLUMN blockref VARCHAR')
    await knex.raw("UPDATE block SET blockref = ''")
    await rebuildSqliteTable(knex, {
      table: 'block',
      createNew: `CREATE TABLE block_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  blockref VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_data PRIMARY KEY (id),
  CONSTRAINT uq_block__name UNIQUE (name)
)`,
      columns: ['id', 'created', 'updated', 'name', 'blockref', 'data'],
      indexes: ['CREATE INDEX ix_block__name ON block (name)', 'CREATE INDEX ix_block__updated ON block (updated)'],
    })
  },
}

export default revision
