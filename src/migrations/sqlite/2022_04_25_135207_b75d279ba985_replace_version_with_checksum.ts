import {fillBlockSchemaChecksumsAndTypes} from '../helpers/block-schema.js'
import {SQLITE_BASE_COLUMNS} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

/*
 * Block schemas lose name and version for a checksum of their fields and a block type (a new
 * table, one type per former schema name); block documents get their schema's block type and
 * are unique per (block type, name) instead of per (block schema, name).
 */
const revision: Revision = {
  revision: 'b75d279ba985',
  downRevision: 'fd966d4ad99c',
  message: 'Add eplace version with checksum',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_type (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  logo_url VARCHAR,
  documentation_url VARCHAR,
  CONSTRAINT pk_block_type PRIMARY KEY (id)
)`,
      'CREATE INDEX ix_block_type__updated ON block_type (updated)',
      'CREATE UNIQUE INDEX uq_block_type__name ON block_type (name)',
      // Nullable for now, on the old tables: the rebuilds below make them NOT NULL once filled.
      'ALTER TABLE block_document ADD COLUMN block_type_id CHAR(36)',
      'ALTER TABLE block_schema ADD COLUMN block_type_id CHAR(36)',
      'ALTER TABLE block_schema ADD COLUMN checksum VARCHAR',
    )
    await fillBlockSchemaChecksumsAndTypes(context)
    await rebuildSqliteTable(context.knex, {
      table: 'block_schema',
      createNew: `CREATE TABLE block_schema_new (
  ${SQLITE_BASE_COLUMNS},
  type VARCHAR,
  fields JSON NOT NULL DEFAULT '{}',
  block_type_id CHAR(36) NOT NULL,
  checksum VARCHAR NOT NULL,
  CONSTRAINT pk_block_schema PRIMARY KEY (id),
  CONSTRAINT fk_block_schema__block_type_id__block_type FOREIGN KEY (block_type_id) REFERENCES block_type (id) ON DELETE cascade
)`,
      columns: ['id', 'created', 'updated', 'type', 'fields', 'block_type_id', 'checksum'],
      indexes: [
        'CREATE INDEX ix_block_schema__checksum ON block_schema (checksum)',
        'CREATE INDEX ix_block_schema__type ON block_schema (type)',
        'CREATE INDEX ix_block_schema__updated ON block_schema (updated)',
        'CREATE UNIQUE INDEX uq_block_schema__checksum ON block_schema (checksum)',
      ],
    })
    await rebuildSqliteTable(context.knex, {
      table: 'block_document',
      createNew: `CREATE TABLE block_document_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  block_schema_id CHAR(36) NOT NULL,
  is_default_storage_block_document BOOLEAN DEFAULT '0',
  block_type_id CHAR(36) NOT NULL,
  CONSTRAINT pk_block_document PRIMARY KEY (id),
  CONSTRAINT fk_block__block_schema_id__block_schema FOREIGN KEY (block_schema_id) REFERENCES block_schema (id) ON DELETE cascade,
  CONSTRAINT fk_block_document__block_type_id__block_type FOREIGN KEY (block_type_id) REFERENCES block_type (id) ON DELETE cascade
)`,
      columns: ['id', 'created', 'updated', 'name', 'data', 'block_schema_id', 'is_default_storage_block_document', 'block_type_id'],
      indexes: [
        'CREATE INDEX ix_block_document__is_default_storage_block_document ON block_document (is_default_storage_block_document)',
        'CREATE INDEX ix_block_document__name ON block_document (name)',
        'CREATE INDEX ix_block_document__updated ON block_document (updated)',
        'CREATE UNIQUE INDEX uq_block__type_id_name ON block_document (block_type_id, name)',
      ],
    })
  },
  async down(context) {
    // Restores more than Prefect's downgrade, which leaves name and version NULL: name NOT NULL
    // from the block type's name, version NOT NULL from the checksum (unique, so
    // uq_block_schema__name_version holds), and both unique indexes unique.
    await sql(
      context,
      'ALTER TABLE block_schema ADD COLUMN name VARCHAR',
      'ALTER TABLE block_schema ADD COLUMN version VARCHAR',
      `UPDATE block_schema SET name = (SELECT block_type.name FROM block_type WHERE block_type.id = block_schema.block_type_id),
  version = checksum`,
    )
    await rebuildSqliteTable(context.knex, {
      table: 'block_schema',
      createNew: `CREATE TABLE block_schema_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  type VARCHAR,
  fields JSON NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_schema PRIMARY KEY (id)
)`,
      columns: ['id', 'created', 'updated', 'name', 'version', 'type', 'fields'],
      indexes: [
        'CREATE INDEX ix_block_schema__type ON block_schema (type)',
        'CREATE INDEX ix_block_schema__updated ON block_schema (updated)',
        'CREATE UNIQUE INDEX uq_block_schema__name_version ON block_schema (name, version)',
      ],
    })
    await rebuildSqliteTable(context.knex, {
      table: 'block_document',
      createNew: `CREATE TABLE block_document_new (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  block_schema_id CHAR(36) NOT NULL,
  is_default_storage_block_document BOOLEAN DEFAULT '0',
  CONSTRAINT pk_block_document PRIMARY KEY (id),
  CONSTRAINT fk_block__block_schema_id__block_schema FOREIGN KEY (block_schema_id) REFERENCES block_schema (id) ON DELETE cascade
)`,
      columns: ['id', 'created', 'updated', 'name', 'data', 'block_schema_id', 'is_default_storage_block_document'],
      indexes: [
        'CREATE INDEX ix_block_document__is_default_storage_block_document ON block_document (is_default_storage_block_document)',
        'CREATE INDEX ix_block_document__name ON block_document (name)',
        'CREATE INDEX ix_block_document__updated ON block_document (updated)',
        'CREATE UNIQUE INDEX uq_block__schema_id_name ON block_document (block_schema_id, name)',
      ],
    })
    await sql(context, 'DROP INDEX ix_block_type__updated', 'DROP INDEX uq_block_type__name', 'DROP TABLE block_type')
  },
}

export default revision
