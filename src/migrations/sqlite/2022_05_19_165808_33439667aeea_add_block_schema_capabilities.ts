import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * block_schema.type gives way to a capabilities list: STORAGE schemas get
 * ["writeable", "readable", "storage"] (the text Python's json.dumps writes), others [].
 */
const revision: Revision = {
  revision: '33439667aeea',
  downRevision: '888a0bb0df7b',
  message: 'Add BlockSchema capabilities',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "ALTER TABLE block_schema ADD COLUMN capabilities JSON NOT NULL DEFAULT '[]'",
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
WHERE CASE json_type(capabilities)
  WHEN 'array' THEN EXISTS (SELECT 1 FROM json_each(block_schema.capabilities) AS e WHERE e.type = 'text' AND e.value = 'storage')
  WHEN 'object' THEN EXISTS (SELECT 1 FROM json_each(block_schema.capabilities) AS e WHERE e.key = 'storage')
  WHEN 'text' THEN instr(json_extract(capabilities, '$'), 'storage') > 0
  ELSE 0
END`,
      'ALTER TABLE block_schema DROP COLUMN capabilities',
    )
  },
}

export default revision
