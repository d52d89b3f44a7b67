import {pyStrOfJsonText as pythonStrOfJson} from '../helpers/python-json.js'
import {selectRows, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const BATCH = 500

const revision: Revision = {
  revision: '94622c1663e8',
  downRevision: 'b23c83a12cb4',
  message: 'json_variables',
  transaction: true,
  async up(context) {
    // Each string value becomes a JSON string holding it (what Prefect's json.dumps + jsonb gives).
    await sql(
      context,
      'ALTER TABLE variable ADD COLUMN json_value JSONB',
      'UPDATE variable SET json_value = to_jsonb(value)',
      'ALTER TABLE variable DROP COLUMN value',
      'ALTER TABLE variable RENAME COLUMN json_value TO value',
    )
  },
  async down(context) {
    const {knex} = context
    await sql(context, 'ALTER TABLE variable ADD COLUMN string_value VARCHAR')
    // Prefect writes back Python's str() of each decoded value: a JSON string bare, anything else
    // as Python prints it ({'a': 1}, [1, 2], True, 1.5), JSON null and SQL NULL as 'None'. Computed
    // here from jsonb's text, a page of rows per UPDATE.
    let after: string | null = null
    for (;;) {
      const rows: Array<{id: string; value: string | null}> = await selectRows<{id: string; value: string | null}>(
        context,
        after === null
          ? 'SELECT id::text AS id, value::text AS value FROM variable ORDER BY id LIMIT ?'
          : 'SELECT id::text AS id, value::text AS value FROM variable WHERE id > ?::uuid ORDER BY id LIMIT ?',
        after === null ? [BATCH] : [after, BATCH],
      )
      if (rows.length === 0) break
      const bindings = rows.flatMap((row) => [row.id, pythonStrOfJson(row.value)])
      await knex.raw(
        `UPDATE variable SET string_value = mapped.text
          FROM (VALUES ${rows.map(() => '(?::uuid, ?::varchar)').join(', ')}) AS mapped (id, text)
          WHERE variable.id = mapped.id`,
        bindings,
      )
      after = rows[rows.length - 1]!.id
    }

    await sql(
      context,
      'ALTER TABLE variable DROP COLUMN value',
      'ALTER TABLE variable RENAME COLUMN string_value TO value',
      'ALTER TABLE variable ALTER COLUMN value SET NOT NULL',
    )
  },
}

export default revision
