import {fillBlockTypeSlugs} from '../helpers/block-schema.js'
import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'f335f9633eec',
  downRevision: '2fe8ef6a6514',
  message: 'Adds block type slug',
  transaction: true,
  async up(context) {
    // Slugs (and block schemas rewritten to name them) first, in a nullable column; then the
    // rebuild that makes it NOT NULL. Prefect's rebuild loses COLLATE NOCASE on the name index.
    await sql(context, 'ALTER TABLE block_type ADD COLUMN slug VARCHAR', 'DROP INDEX uq_block_type__name')
    await fillBlockTypeSlugs(context)
    await rebuildSqliteTable(context.knex, {
      table: 'block_type',
      createNew: `CREATE TABLE block_type_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        logo_url VARCHAR,
        documentation_url VARCHAR,
        description VARCHAR,
        code_example VARCHAR,
        is_protected BOOLEAN NOT NULL DEFAULT '0',
        slug VARCHAR NOT NULL,
        CONSTRAINT pk_block_type PRIMARY KEY (id)
      )`,
      columns: ['id', 'created', 'updated', 'name', 'logo_url', 'documentation_url', 'description', 'code_example', 'is_protected', 'slug'],
      indexes: [
        'CREATE INDEX ix_block_type_name_case_insensitive ON block_type (name)',
        'CREATE INDEX ix_block_type__updated ON block_type (updated)',
        'CREATE UNIQUE INDEX uq_block_type__slug ON block_type (slug)',
      ],
    })
  },
  async down(context) {
    // Ours restores uq_block_type__name as unique and COLLATE NOCASE on the name index (Prefect's
    // downgrade re-creates the first non-unique and leaves the second as the upgrade left it).
    // Block schemas keep their slugs and checksums, as with Prefect's.
    await sql(
      context,
      'DROP INDEX uq_block_type__slug',
      'CREATE UNIQUE INDEX uq_block_type__name ON block_type (name)',
      'DROP INDEX ix_block_type_name_case_insensitive',
      'CREATE INDEX ix_block_type_name_case_insensitive ON block_type (name COLLATE NOCASE)',
      'ALTER TABLE block_type DROP COLUMN slug',
    )
  },
}

export default revision
