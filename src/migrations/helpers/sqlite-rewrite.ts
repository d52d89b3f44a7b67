import Database from 'better-sqlite3'
import type {Knex} from 'knex'

import {setSqliteUnsafeMode} from '../../db/raw-statements.js'
import {MigrationError} from '../../errors.js'
import {rebuildSqliteTable, type SqliteRebuild} from './sqlite-rebuild.js'

/*
 * A table "rebuild" that copies no rows, for the changes SQLite's ALTER TABLE cannot make but that
 * leave every stored row and index entry as it is: a FOREIGN KEY removed or added (when every row
 * satisfies it). SQLite documents the procedure (https://www.sqlite.org/lang_altertable.html,
 * "Making Other Kinds Of Table Schema Changes"): in the transaction, read schema_version, turn
 * writable_schema on, rewrite the table's row of sqlite_schema, set schema_version one higher,
 * turn writable_schema off, check.
 */

type Db = Knex | Knex.Transaction
type Rows = (sql: string) => Promise<Array<Record<string, unknown>>>

/** A table as SQLite parsed it: what decides how its stored rows and index entries read. */
interface Shape {
  /** sqlite_schema's rows for the table (itself, its automatic and its own indexes, triggers), in rowid order. */
  objects: Array<{type: string; name: string; sql: string | null}>
  /** pragma_table_list: rowid or not, STRICT, column count. */
  table: string
  /** pragma_table_xinfo, one string per column (the default without parentheses around the whole of it). */
  columns: string[]
  /** pragma_index_list and pragma_index_xinfo of each index, by index name. */
  indexes: Map<string, string>
  foreignKeys: string
}

/**
 * Leave exactly what rebuildSqliteTable(knex, rebuild) leaves (the same sqlite_schema rows, text
 * and order), without copying the rows when the change allows it: when the table as it stands
 * and the one `createNew` declares store their rows alike (same columns in the same order, with
 * the same types, NOT NULL, defaults and primary key; same rowid-ness; same automatic indexes;
 * no triggers), only sqlite_schema is rewritten. Indexes whose entries would not change (same
 * columns, order, collations, uniqueness) are kept, with the text the rebuild would give them;
 * the others are dropped and created again. Otherwise the table is rebuilt. For removing or adding
 * a constraint SQLite does not store in the rows: a FOREIGN KEY (an added one must hold for every
 * row: it is checked here, and a violation stops the revision).
 *
 * Checked afterwards instead of SQLite's whole integrity_check (seconds a million rows, for rows
 * and index entries nothing wrote): the table, its indexes and foreign keys as the connection
 * reads them again equal SQLite's own parse of the declared statements, and sqlite_schema's
 * b-tree passes integrity_check.
 *
 * Needs better-sqlite3's unsafe mode for the duration (setSqliteUnsafeMode). Every statement goes
 * through knex, so --dry-run records it: writable_schema and schema_version are pragmas the
 * sqlite3 client runs as they are (it is not in defensive mode); the script's schema_version is
 * the one read where the dry run ran (the file's, or its copy's, one higher: still a raise). The
 * statements name no page numbers: they move and rewrite sqlite_schema's rows as they find them.
 */
export async function rebuildSqliteTableInPlace(knex: Db, rebuild: SqliteRebuild): Promise<void> {
  const {table} = rebuild
  const rows: Rows = async (sql) => ((await knex.raw(sql)) as Array<Record<string, unknown>> | undefined) ?? []
  const [live, target] = [await readShape(rows, table), await declaredShape(rebuild)]
  if (!storesRowsAlike(live, target)) {
    await rebuildSqliteTable(knex, rebuild)
    return
  }

  // Indexes: kept when their entries stay valid (their text is rewritten below), else made again.
  const declared = target.objects.filter((object) => object.type === 'index' && object.sql !== null)
  const kept = (name: string) => live.indexes.has(name) && live.indexes.get(name) === target.indexes.get(name)
  const stale = live.objects.filter((object) => object.type === 'index' && object.sql !== null && !(target.indexes.has(object.name) && kept(object.name)))
  for (const index of stale) await knex.raw(`DROP INDEX ${quoteName(index.name)}`)
  for (const index of declared) if (!kept(index.name)) await knex.raw(index.sql!)

  // sqlite_schema's rows for the table, in the rebuild's order (the table, its automatic
  // indexes, its indexes as declared), each moved to the end with the rebuild's text.
  const [{schema_version: version}] = (await rows('PRAGMA schema_version')) as Array<{schema_version: number}>
  await setSqliteUnsafeMode(knex, true)
  try {
    await knex.raw('PRAGMA writable_schema = ON')
    try {
      for (const object of target.objects) {
        const where = `WHERE tbl_name = ${quoteText(table)} AND type = ${quoteText(object.type)} AND name = ${quoteText(object.name)}`
        const move = 'rowid = (SELECT max(rowid) FROM sqlite_schema) + 1'
        if (object.sql === null) await knex.raw(`UPDATE sqlite_schema SET ${move} ${where}`)
        else await knex.raw(`UPDATE sqlite_schema SET ${move}, sql = ? ${where}`, [object.sql])
      }

      await knex.raw(`PRAGMA schema_version = ${Number(version) + 1}`)
    } finally {
      await knex.raw('PRAGMA writable_schema = OFF')
    }
  } finally {
    await setSqliteUnsafeMode(knex, false)
  }

  // The connection reads the schema again (schema_version changed): it must be the declared one.
  const after = await readShape(rows, table)
  const [{schema_version: now}] = (await rows('PRAGMA schema_version')) as Array<{schema_version: number}>
  const problems = [
    Number(now) === Number(version) + 1 ? '' : 'schema_version was not raised',
    JSON.stringify(after.objects) === JSON.stringify(target.objects) ? '' : 'sqlite_schema does not hold the declared statements',
    sameShape(after, target) ? '' : 'SQLite does not read the table as declared',
    // SQLite's procedure ends with an integrity check. The procedure wrote to sqlite_schema only:
    // that b-tree is checked. A whole check (every index against every row) would cost seconds a
    // million rows, for rows and index entries nothing wrote; the shapes compared above stand for it.
    ...(await rows('PRAGMA integrity_check(sqlite_schema)')).map((row) => String(Object.values(row)[0])).filter((line) => line !== 'ok'),
  ].filter(Boolean)
  if (problems.length > 0) {
    throw new MigrationError(`Rewriting the definition of table ${table} failed its checks (${problems.slice(0, 3).join('; ')}); nothing was changed.`)
  }

  // No row changed, so only a foreign key the table did not have may be broken. The engine's own
  // check covers the tables a revision's statements write to, and an UPDATE of sqlite_schema names none.
  const had = new Set(JSON.parse(live.foreignKeys).map(foreignKeyText))
  if ((JSON.parse(target.foreignKeys) as unknown[]).some((key) => !had.has(foreignKeyText(key)))) {
    const violations = await rows(`PRAGMA foreign_key_check(${quoteName(table)})`)
    if (violations.length > 0) {
      const parents = [...new Set(violations.map((violation) => String(violation.parent)))].join(', ')
      throw new MigrationError(`Table ${table} has ${violations.length} row(s) that break its new foreign key(s) to ${parents}; nothing was changed.`)
    }
  }
}

/** A foreign key's columns and actions, without its id in pragma_foreign_key_list. */
function foreignKeyText(key: unknown): string {
  const {id: _id, ...rest} = key as Record<string, unknown>
  return JSON.stringify(rest)
}

async function readShape(rows: Rows, table: string): Promise<Shape> {
  const name = quoteText(table)
  const objects = (await rows(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ${name} ORDER BY rowid`)) as Shape['objects']
  const [list] = await rows(`SELECT wr, strict, ncol FROM pragma_table_list WHERE schema = 'main' AND name = ${name}`)
  const columns = await rows(`SELECT cid, lower(name) AS name, upper(type) AS type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(${name}) ORDER BY cid`)
  const indexColumns = await rows(
    `SELECT i.name AS ix, i."unique", i.origin, i.partial, x.seqno, x.cid, lower(x.name) AS name, x."desc", upper(x.coll) AS coll, x."key"
       FROM pragma_index_list(${name}) AS i, pragma_index_xinfo(i.name) AS x ORDER BY i.name, x.seqno`,
  )
  const foreignKeys = await rows(`SELECT * FROM pragma_foreign_key_list(${name}) ORDER BY id, seq`)
  const indexes = new Map<string, string>()
  for (const {ix, ...column} of indexColumns) indexes.set(String(ix), `${indexes.get(String(ix)) ?? ''}${JSON.stringify(column)}`)
  // A partial or expression index: what it holds also depends on its WHERE and its expressions.
  for (const {name: ix, sql} of objects) {
    const shape = indexes.get(ix)
    if (shape !== undefined && sql !== null && (/"partial":1/.test(shape) || /"cid":-2/.test(shape))) indexes.set(ix, `${shape} ${sql}`)
  }

  return {
    objects,
    table: JSON.stringify(list ?? null),
    columns: columns.map(({dflt_value: value, ...column}) => JSON.stringify({...column, dflt_value: unwrapDefault(value as string | null)})),
    indexes,
    foreignKeys: JSON.stringify(foreignKeys),
  }
}

/** The table and indexes `rebuild` declares, as SQLite parses them (in a private in-memory database). */
async function declaredShape(rebuild: SqliteRebuild): Promise<Shape> {
  const db = new Database(':memory:')
  try {
    db.pragma('foreign_keys = OFF')
    db.pragma('legacy_alter_table = OFF')
    // As rebuildSqliteTable does: SQLite's RENAME writes the table's text the rebuild leaves.
    db.exec(rebuild.createNew)
    db.exec(`ALTER TABLE ${rebuild.table}_new RENAME TO ${rebuild.table}`)
    for (const sql of rebuild.indexes) db.exec(sql)
    return await readShape(async (sql) => db.prepare(sql).all() as Array<Record<string, unknown>>, rebuild.table)
  } finally {
    db.close()
  }
}

/** Whether the rows and automatic index entries stored for `live` read the same under `target`'s definition. */
function storesRowsAlike(live: Shape, target: Shape): boolean {
  if (live.objects.length === 0 || live.objects.some((object) => object.type !== 'table' && object.type !== 'index')) return false
  if (live.table !== target.table || live.columns.join('\n') !== target.columns.join('\n')) return false
  const automatic = (shape: Shape) =>
    shape.objects
      .filter((object) => object.type === 'index' && object.sql === null)
      .map((object) => `${object.name} ${shape.indexes.get(object.name)}`)
      .join('\n')
  return automatic(live) === automatic(target)
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.table === b.table && a.columns.join('\n') === b.columns.join('\n') && a.foreignKeys === b.foreignKeys && JSON.stringify([...a.indexes].sort()) === JSON.stringify([...b.indexes].sort())
}

/**
 * A column default without parentheses around the whole of it: `('0')` and `'0'` are one value
 * (alembic writes the first, our revisions the second). Quotes are respected when pairing.
 */
export function unwrapDefault(value: string | null): string | null {
  let text = value?.trim() ?? null
  while (text !== null && text.startsWith('(') && closingParen(text) === text.length - 1) text = text.slice(1, -1).trim()
  return text
}

/** The index of the parenthesis closing the one at 0, skipping quoted text; -1 if none. */
function closingParen(text: string): number {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === "'" || char === '"' || char === '`') {
      const end = text.indexOf(char, i + 1)
      if (end < 0) return -1
      i = end
    } else if (char === '[') {
      const end = text.indexOf(']', i + 1)
      if (end < 0) return -1
      i = end
    } else if (char === '(') {
      depth++
    } else if (char === ')' && --depth === 0) {
      return i
    }
  }

  return -1
}

const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`
const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`
