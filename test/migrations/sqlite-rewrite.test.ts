import assert from 'node:assert/strict'

import Database from 'better-sqlite3'
import knexFactory from 'knex'

import {rebuildSqliteTable, type SqliteRebuild} from '../../src/migrations/helpers/sqlite-rebuild.js'
import {rebuildSqliteTableInPlace, unwrapDefault} from '../../src/migrations/helpers/sqlite-rewrite.js'
import {freshSqliteFile} from '../harness/databases.js'

/**
 * rebuildSqliteTableInPlace leaves what rebuildSqliteTable leaves (sqlite_schema's rows, text and
 * order, and every row), copying no rows when the table's stored rows read the same under the new
 * definition, and rebuilding when they would not.
 */
const SETUP = `
  CREATE TABLE parent (id CHAR(36) NOT NULL, CONSTRAINT pk_parent PRIMARY KEY (id));
  CREATE TABLE "child" (
    "id" CHAR(36) NOT NULL,
    "parent_id" CHAR(36),
    "n" INTEGER NOT NULL DEFAULT ('0'),
    "at" DATETIME,
    CONSTRAINT "pk_child" PRIMARY KEY ("id"),
    CONSTRAINT "fk_child__parent_id__parent" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") ON DELETE SET NULL
  );
  CREATE INDEX "ix_child__parent_id" ON "child" (parent_id);
  CREATE INDEX ix_child__at_desc ON child (at DESC);
  CREATE INDEX ix_child__extra ON child (n);
  CREATE TABLE after_child (id INTEGER PRIMARY KEY);
  INSERT INTO parent VALUES ('p1');
  INSERT INTO child (id, parent_id, n, at) VALUES ('c1', 'p1', 1, '2024-01-01'), ('c2', 'gone', 2, NULL), ('c3', NULL, 3, '2025-01-01');
`

/** The child table without its foreign key (parent ids that name no parent allowed). */
const WITHOUT_KEY = SETUP.replace(`,
    CONSTRAINT "fk_child__parent_id__parent" FOREIGN KEY ("parent_id") REFERENCES "parent" ("id") ON DELETE SET NULL`, '')

function rebuildOf(foreignKey: boolean, columns = ['id', 'parent_id', 'n', 'at']): SqliteRebuild {
  const definitions: Record<string, string> = {id: 'id CHAR(36) NOT NULL', parent_id: 'parent_id CHAR(36)', n: "n INTEGER NOT NULL DEFAULT '0'", at: 'at DATETIME'}
  const key = foreignKey ? ',\n    CONSTRAINT fk_child__parent_id__parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL' : ''
  return {
    table: 'child',
    createNew: `CREATE TABLE child_new (\n    ${columns.map((column) => definitions[column]).join(',\n    ')},\n    CONSTRAINT pk_child PRIMARY KEY (id)${key}\n  )`,
    columns,
    indexes: ['CREATE INDEX ix_child__at_desc ON child (at)', 'CREATE INDEX ix_child__parent_id ON child (parent_id)'],
  }
}

function database(setup = SETUP): string {
  const {file} = freshSqliteFile()
  const db = new Database(file)
  db.pragma('foreign_keys = OFF')
  db.exec(setup)
  db.close()
  return file
}

/** Run `body` in a transaction with foreign keys off, as the engine runs a revision; the statements sent. */
async function run(file: string, body: (trx: import('knex').Knex.Transaction) => Promise<void>): Promise<string[]> {
  const knex = knexFactory({client: 'better-sqlite3', connection: {filename: file}, useNullAsDefault: true, pool: {min: 1, max: 1}})
  const sent: string[] = []
  knex.on('query', (query: {sql: string}) => sent.push(query.sql))
  try {
    await knex.raw('PRAGMA foreign_keys = OFF')
    await knex.transaction(body)
  } finally {
    await knex.destroy()
  }

  return sent
}

function contents(file: string): unknown {
  const db = new Database(file, {readonly: true})
  try {
    return {
      schema: db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid').all(),
      rows: db.prepare('SELECT * FROM child ORDER BY id').all(),
      integrity: db.pragma('integrity_check', {simple: true}),
    }
  } finally {
    db.close()
  }
}

async function both(rebuild: SqliteRebuild, setup?: string): Promise<{sent: string[]; rewritten: unknown; rebuilt: unknown}> {
  const [a, b] = [database(setup), database(setup)]
  await run(a, (trx) => rebuildSqliteTable(trx, rebuild))
  const sent = await run(b, (trx) => rebuildSqliteTableInPlace(trx, rebuild))
  return {sent, rewritten: contents(b), rebuilt: contents(a)}
}

describe('rebuildSqliteTableInPlace (SQLite: a definition rewritten in sqlite_schema)', () => {
  it('drops a foreign key without copying the rows, leaving what the rebuild leaves', async () => {
    const {sent, rewritten, rebuilt} = await both(rebuildOf(false))
    assert.deepEqual(rewritten, rebuilt)
    assert.ok(!sent.some((sql) => /child_new/.test(sql)), sent.join('\n'))
    // The DESC index is made again (its entries change), the one that only differs in quoting is kept.
    assert.ok(sent.includes('CREATE INDEX ix_child__at_desc ON child (at)'))
    assert.ok(!sent.includes('CREATE INDEX ix_child__parent_id ON child (parent_id)'))
    assert.equal((rewritten as {integrity: string}).integrity, 'ok')
  })

  it('adds a foreign key the rows satisfy the same way', async () => {
    const setup = WITHOUT_KEY.replace(`('c2', 'gone', 2, NULL)`, `('c2', NULL, 2, NULL)`)
    const {sent, rewritten, rebuilt} = await both(rebuildOf(true), setup)
    assert.deepEqual(rewritten, rebuilt)
    assert.ok(!sent.some((sql) => /child_new/.test(sql)))
    assert.ok(sent.includes('PRAGMA foreign_key_check("child")'), 'the new foreign key was checked')
  })

  it('refuses a foreign key that a row breaks, changing nothing', async () => {
    const file = database(WITHOUT_KEY)
    const before = contents(file)
    await assert.rejects(
      run(file, (trx) => rebuildSqliteTableInPlace(trx, rebuildOf(true))),
      /child has 1 row\(s\) that break its new foreign key\(s\) to parent; nothing was changed/,
    )
    assert.deepEqual(contents(file), before)
  })

  it('rebuilds when the stored rows would read differently (columns in another order)', async () => {
    const {sent, rewritten, rebuilt} = await both(rebuildOf(false, ['id', 'n', 'parent_id', 'at']))
    assert.deepEqual(rewritten, rebuilt)
    assert.ok(sent.some((sql) => /^CREATE TABLE child_new/.test(sql)))
  })

  it('rebuilds a table with a trigger (the rebuild drops it)', async () => {
    const {sent, rewritten, rebuilt} = await both(rebuildOf(false), `${SETUP}\nCREATE TRIGGER child_touch AFTER UPDATE ON child BEGIN SELECT 1; END;`)
    assert.deepEqual(rewritten, rebuilt)
    assert.ok(sent.some((sql) => /^CREATE TABLE child_new/.test(sql)))
  })

  it('reads a default with or without parentheses around the whole of it as one', () => {
    assert.equal(unwrapDefault("('0')"), "'0'")
    assert.equal(unwrapDefault("'0'"), "'0'")
    assert.equal(unwrapDefault("(lower(hex(randomblob(4))) || '-' || ')')"), "lower(hex(randomblob(4))) || '-' || ')'")
    assert.equal(unwrapDefault("(a) || (b)"), '(a) || (b)')
    assert.equal(unwrapDefault(null), null)
  })
})

