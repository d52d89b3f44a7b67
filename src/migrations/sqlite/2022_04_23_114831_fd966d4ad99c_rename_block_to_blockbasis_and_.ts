import {SQLITE_BASE_COLUMNS} from '../helpers/base-columns.js'
import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * block_spec becomes block_schema and block becomes block_document, with renamed columns,
 * primary keys, indexes and foreign key. Constraint names live in the CREATE TABLE text on
 * SQLite, so both tables are created under their new names and the rows copied over.
 */
const revision: Revision = {
  revision: 'fd966d4ad99c',
  downRevision: 'db6bde582447',
  message: 'Rename Block to BlockDocument and BlockSpec to BlockSchema',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE block_schema (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  type VARCHAR,
  fields JSON NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_schema PRIMARY KEY (id)
)`,
      `INSERT INTO block_schema (id, created, updated, name, version, type, fields)
SELECT id, created, updated, name, version, type, fields FROM block_spec`,
      `CREATE TABLE block_document (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  block_schema_id CHAR(36) NOT NULL,
  is_default_storage_block_document BOOLEAN DEFAULT '0',
  CONSTRAINT pk_block_document PRIMARY KEY (id),
  CONSTRAINT fk_block__block_schema_id__block_schema FOREIGN KEY (block_schema_id) REFERENCES block_schema (id) ON DELETE cascade
)`,
      `INSERT INTO block_document (id, created, updated, name, data, block_schema_id, is_default_storage_block_document)
SELECT id, created, updated, name, data, block_spec_id, is_default_storage_block FROM block`,
      'DROP TABLE block',
      'DROP TABLE block_spec',
      'CREATE INDEX ix_block_schema__type ON block_schema (type)',
      'CREATE INDEX ix_block_schema__updated ON block_schema (updated)',
      'CREATE UNIQUE INDEX uq_block_schema__name_version ON block_schema (name, version)',
      'CREATE INDEX ix_block_document__is_default_storage_block_document ON block_document (is_default_storage_block_document)',
      'CREATE INDEX ix_block_document__name ON block_document (name)',
      'CREATE INDEX ix_block_document__updated ON block_document (updated)',
      'CREATE UNIQUE INDEX uq_block__schema_id_name ON block_document (block_schema_id, name)',
    )
  },
  async down(context) {
    await sql(
      context,
      `CREATE TABLE block_spec (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  type VARCHAR,
  fields JSON NOT NULL DEFAULT '{}',
  CONSTRAINT pk_block_spec PRIMARY KEY (id)
)`,
      `INSERT INTO block_spec (id, created, updated, name, version, type, fields)
SELECT id, created, updated, name, version, type, fields FROM block_schema`,
      `CREATE TABLE block (
  ${SQLITE_BASE_COLUMNS},
  name VARCHAR NOT NULL,
  data JSON NOT NULL DEFAULT '{}',
  block_spec_id CHAR(36) NOT NULL,
  is_default_storage_block BOOLEAN DEFAULT '0',
  CONSTRAINT pk_block_data PRIMARY KEY (id),
  CONSTRAINT fk_block__block_spec_id__block_spec FOREIGN KEY (block_spec_id) REFERENCES block_spec (id) ON DELETE cascade
)`,
      `INSERT INTO block (id, created, updated, name, data, block_spec_id, is_default_storage_block)
SELECT id, created, updated, name, data, block_schema_id, is_default_storage_block_document FROM block_document`,
      'DROP TABLE block_document',
      'DROP TABLE block_schema',
      'CREATE INDEX ix_block_spec__type ON block_spec (type)',
      'CREATE INDEX ix_block_spec__updated ON block_spec (updated)',
      'CREATE UNIQUE INDEX uq_block_spec__name_version ON block_spec (name, version)',
      'CREATE INDEX ix_block__is_default_storage_block ON block (is_default_storage_block)',
      'CREATE INDEX ix_block__name ON block (name)',
      'CREATE INDEX ix_block__updated ON block (updated)',
      'CREATE UNIQUE INDEX uq_block__spec_id_name ON block (block_spec_id, name)',
    )
  },
}

export default revision
