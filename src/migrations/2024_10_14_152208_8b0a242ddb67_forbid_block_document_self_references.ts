import {SQLITE_NOW, SQLITE_UUID_DEFAULT} from './helpers/columns.js'
import {rebuildSqliteTable} from './helpers/sqlite-rebuild.js'
import type {Revision} from './types.js'

const CHECK = 'CONSTRAINT ck_block_document_reference__no_self_reference CHECK (parent_block_document_id <> reference_block_document_id)'

/** block_document_reference as SQLite holds it, with or without the new CHECK constraint. */
function sqliteTable(withCheck: boolean): string {
  return `CREATE TABLE block_document_reference_new (
    id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID_DEFAULT},
    created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
    updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
    name VARCHAR(255) NOT NULL,
    parent_block_document_id CHAR(36) NOT NULL,
    reference_block_document_id CHAR(36) NOT NULL,
    CONSTRAINT fk_block_document_reference__parent_block_document_id__b_5759
      FOREIGN KEY (parent_block_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT fk_block_document_reference__reference_block_document_id__3ec7
      FOREIGN KEY (reference_block_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
    CONSTRAINT pk_block_document_reference PRIMARY KEY (id)${withCheck ? `,\n    ${CHECK}` : ''}
  )`
}

const COLUMNS = ['id', 'created', 'updated', 'name', 'parent_block_document_id', 'reference_block_document_id']
const INDEXES = ['CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated)']

/**
 * A block document may not reference itself. SQLite cannot add a CHECK to an existing table, so
 * there the table is rebuilt (both ways); existing self-references make the copy fail and the
 * revision roll back, as the ALTER TABLE does on PostgreSQL.
 */
const revision: Revision = {
  revision: '8b0a242ddb67',
  downRevision: 'a4ba7112ca52',
  message: 'Forbid block documents that reference themselves',
  transaction: true,
  async up({knex, dialect}) {
    if (dialect === 'postgresql') {
      await knex.raw(`ALTER TABLE block_document_reference ADD ${CHECK}`)
    } else {
      await rebuildSqliteTable(knex, {table: 'block_document_reference', createNew: sqliteTable(true), columns: COLUMNS, indexes: INDEXES})
    }
  },
  async down({knex, dialect}) {
    if (dialect === 'postgresql') {
      await knex.raw('ALTER TABLE block_document_reference DROP CONSTRAINT ck_block_document_reference__no_self_reference')
    } else {
      await rebuildSqliteTable(knex, {table: 'block_document_reference', createNew: sqliteTable(false), columns: COLUMNS, indexes: INDEXES})
    }
  },
}

export default revision
