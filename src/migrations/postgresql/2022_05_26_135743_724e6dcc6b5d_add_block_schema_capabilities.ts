import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/* block_schema.type gives way to a capabilities list: STORAGE schemas get ["writeable", "readable", "storage"], others []. */
const revision: Revision = {
  revision: '724e6dcc6b5d',
  downRevision: 'dc7a3c6fd3e9',
  message: 'Add BlockSchema capabilities',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "ALTER TABLE block_schema ADD COLUMN capabilities JSONB NOT NULL DEFAULT '[]'",
      `UPDATE block_schema SET capabilities = '["writeable", "readable", "storage"]' WHERE type = 'STORAGE'`,
      'DROP INDEX ix_block_schema__type',
      'ALTER TABLE block_schema DROP COLUMN type',
    )
  },
  async down(context) {
    // type = 'STORAGE' where Python's `"storage" in capabilities` holds: an element of a list,
    // a key of an object, a part of a string.
    await sql(
      context,
      'ALTER TABLE block_schema ADD COLUMN type VARCHAR',
      'CREATE INDEX ix_block_schema__type ON block_schema (type)',
      `UPDATE block_schema SET type = 'STORAGE'
WHERE CASE jsonb_typeof(capabilities)
  WHEN 'array' THEN jsonb_exists(capabilities, 'storage')
  WHEN 'object' THEN jsonb_exists(capabilities, 'storage')
  WHEN 'string' THEN strpos(capabilities #>> '{}', 'storage') > 0
  ELSE false
END`,
      'ALTER TABLE block_schema DROP COLUMN capabilities',
    )
  },
}

export default revision
