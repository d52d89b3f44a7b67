import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

// The name alembic's naming convention gave the constraint (the convention's prefix applied twice).
const CHECK_NAME = 'ck_block_document_reference__ck_block_document_reference__no_self_reference'

function createReferenceTable(withCheck: boolean): string {
  const check = withCheck
    ? `,
      CONSTRAINT ${CHECK_NAME} CHECK (parent_block_document_id != reference_block_document_id)`
    : ''
  return `CREATE TABLE block_document_reference_new (
      id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
      created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
      updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
      name VARCHAR NOT NULL,
      parent_block_document_id CHAR(36) NOT NULL,
      reference_block_document_id CHAR(36) NOT NULL,
      CONSTRAINT pk_block_document_reference PRIMARY KEY (id),
      CONSTRAINT fk_block_document_reference__parent_block_document_id__block_document
        FOREIGN KEY (parent_block_document_id) REFERENCES block_document (id) ON DELETE CASCADE,
      CONSTRAINT fk_block_document_reference__reference_block_document_id__block_document
        FOREIGN KEY (reference_block_document_id) REFERENCES block_document (id) ON DELETE CASCADE${check}
    )`
}

const COLUMNS = ['id', 'created', 'updated', 'name', 'parent_block_document_id', 'reference_block_document_id']
const INDEXES = ['CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated)']

const revision: Revision = {
  revision: '2095de406cbe',
  downRevision: '4dfa692e02a7',
  message: 'Add CHECK constraint preventing block_document_reference self-references',
  transaction: true,
  async up(context) {
    // Rows the constraint would reject are deleted, as Prefect's upgrade does.
    await sql(context, 'DELETE FROM block_document_reference WHERE parent_block_document_id = reference_block_document_id')
    await rebuildSqliteTable(context.knex, {
      table: 'block_document_reference',
      createNew: createReferenceTable(true),
      columns: COLUMNS,
      indexes: INDEXES,
    })
  },
  async down(context) {
    await rebuildSqliteTable(context.knex, {
      table: 'block_document_reference',
      createNew: createReferenceTable(false),
      columns: COLUMNS,
      indexes: INDEXES,
    })
  },
}

export default revision
