import {MigrationError} from '../../errors.js'
import {pyJsonDumps as pythonJsonDumps} from '../helpers/python-json.js'
import {SQLITE_NOW, SQLITE_UUID, selectRows, sql} from '../helpers/prefect-sql.js'
import {rebuildSqliteTable} from '../helpers/sqlite-rebuild.js'
import type {Revision} from '../types.js'

const BATCH = 500

const revision: Revision = {
  revision: '2ac65f1758c2',
  downRevision: '20fbd53b3cef',
  message: 'json_variables',
  transaction: true,
  async up(context) {
    const {knex} = context
    await sql(context, 'ALTER TABLE variable ADD COLUMN json_value JSON')
    // Each string value becomes the JSON text of that string, byte for byte as Python's json.dumps
    // writes it (non-ASCII as \u escapes): computed here, a page of rows per UPDATE.
    let after = ''
    for (;;) {
      const rows = await selectRows<{id: string; value: unknown}>(
        context,
        'SELECT id, value FROM variable WHERE id > ? ORDER BY id LIMIT ?',
        [after, BATCH],
      )
      if (rows.length === 0) break
      const bindings: string[] = []
      for (const {id, value} of rows) {
        if (typeof value !== 'string') throw new MigrationError(`Variable ${id} has a value that is not text; nothing was changed.`)
        bindings.push(id, pythonJsonDumps(value))
      }

      await knex.raw(
        `UPDATE variable SET json_value = CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} END
          WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [...bindings, ...rows.map((row) => row.id)],
      )
      after = rows[rows.length - 1]!.id
    }

    await sql(context, 'ALTER TABLE variable DROP COLUMN value', 'ALTER TABLE variable RENAME COLUMN json_value TO value')
  },
  async down(context) {
    // Prefect turns each JSON value back into a Python value (json.loads) and binds it: a string
    // comes back as itself, a number or boolean as SQLite's text of it ('5', '1.5', '1'). A JSON
    // null or SQL NULL breaks the NOT NULL column and an object or array cannot be bound, so
    // Prefect's downgrade fails on those; ours stops before changing anything and names them.
    const unmappable = await selectRows<{name: string}>(
      context,
      `SELECT name FROM variable
        WHERE value IS NULL OR NOT json_valid(value) OR json_type(value) IN ('null', 'object', 'array')
        ORDER BY name LIMIT 21`,
    )
    if (unmappable.length > 0) {
      const names = unmappable.slice(0, 20).map((row) => row.name).join(', ') + (unmappable.length > 20 ? ', …' : '')
      throw new MigrationError(
        `Variables whose value is null, an object or an array cannot go back to a text value: ${names}. Nothing was changed.`,
        "Change or delete those variables first (Prefect's own downgrade fails on them too).",
      )
    }

    await sql(
      context,
      'ALTER TABLE variable ADD COLUMN string_value VARCHAR',
      "UPDATE variable SET string_value = json_extract(value, '$')",
      'ALTER TABLE variable DROP COLUMN value',
      'ALTER TABLE variable RENAME COLUMN string_value TO value',
    )
    // value NOT NULL again: a rebuild.
    await rebuildSqliteTable(context.knex, {
      table: 'variable',
      createNew: `CREATE TABLE variable_new (
        id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        name VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        tags JSON NOT NULL DEFAULT '[]',
        CONSTRAINT pk_variable PRIMARY KEY (id),
        CONSTRAINT uq_variable__name UNIQUE (name)
      )`,
      columns: ['id', 'created', 'updated', 'name', 'value', 'tags'],
      indexes: ['CREATE INDEX ix_variable__updated ON variable (updated)'],
    })
  },
}

export default revision
