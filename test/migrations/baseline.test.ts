import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import path from 'node:path'

import Database from 'better-sqlite3'

import {readyForBaseline} from '../../src/migrator/baseline.js'
import {check, currentRevision, downgrade, history, reset, upgrade} from '../../src/migrator/index.js'
import {sqliteBaseline} from '../../src/migrations/sqlite/baseline.js'
import {postgresqlBaseline} from '../../src/migrations/postgresql/baseline.js'
import {forEachDialect, type TestDialect} from '../harness/databases.js'
import {findPgBinDir} from '../harness/pg-server.js'
import {baselineStatements} from '../support/baseline-ddl.js'
import {chainIds} from '../support/chains.js'
import {dumpDatabase, dumpDiff, referenceDump} from '../support/reference-schema.js'
import {freshDatabase, type TestDatabase} from './apply.js'

/**
 * The baseline: an empty database going to head gets the head schema in one transaction. It must
 * leave exactly what the chain leaves, revision by revision (the reference dumper on both, and on
 * SQLite the very statements SQLite stores, on PostgreSQL pg_dump's view too); the generated
 * statements must be what the chain's head reads back as today (else regenerate:
 * scripts/generate-baselines.ts); and a database built from it must behave as any other.
 */
const BASELINES = {sqlite: sqliteBaseline, postgresql: postgresqlBaseline}

/** What a second connection sees beyond the reference dump: SQLite's stored statements, or pg_dump's schema. */
function catalogText(db: TestDatabase): string {
  if (db.dialect === 'sqlite') {
    const file = new Database(db.location, {readonly: true})
    try {
      const rows = file.prepare("select type, name, tbl_name, sql from sqlite_master where name <> 'prefect_migrations' and tbl_name <> 'prefect_migrations' order by rowid").all()
      return JSON.stringify(rows, null, 1)
    } finally {
      file.close()
    }
  }

  const dump = execFileSync(path.join(findPgBinDir(), 'pg_dump'), ['--schema-only', '--no-owner', '--no-privileges', '--exclude-table=prefect_migrations', db.location], {encoding: 'utf8'})
  // Comments and psql meta-commands (\restrict carries a random key) say nothing of the schema.
  return dump
    .split('\n')
    .filter((line) => !line.startsWith('--') && !line.startsWith('\\'))
    .join('\n')
}

function dumpOf(db: TestDatabase): string {
  return dumpDatabase(db.dialect, db.location)
}

async function rows(db: TestDatabase, sql: string): Promise<Array<Record<string, unknown>>> {
  const result = (await db.knex.raw(sql)) as Array<Record<string, unknown>> | {rows: Array<Record<string, unknown>>}
  return Array.isArray(result) ? result : result.rows
}

describe('the baseline', () => {
  forEachDialect((dialect: TestDialect) => {
    const chain = chainIds(dialect)
    const head = chain.at(-1)!
    const baseline = BASELINES[dialect]

    it("builds exactly what the chain builds, and is what the chain's head reads back as today", async () => {
      const byChain = await freshDatabase(dialect)
      const byBaseline = await freshDatabase(dialect)
      try {
        const chained = await upgrade(byChain.target, {baseline: false})
        assert.equal(chained.applied.length, chain.length)
        assert.equal(chained.baseline, undefined)
        const based = await upgrade(byBaseline.target)
        assert.deepEqual(based.applied, [])
        assert.deepEqual({...based.baseline, milliseconds: 0}, {revision: head, from: chain[0], revisions: chain.length, milliseconds: 0})
        assert.equal(based.to, head)

        const expected = dumpOf(byChain)
        assert.equal(dumpOf(byBaseline), expected, dumpDiff(dumpOf(byBaseline), expected))
        assert.equal(expected, referenceDump(dialect, chain.length))
        assert.equal(catalogText(byBaseline), catalogText(byChain))

        // Not stale: the generated file is the chain's head as it reads back now.
        assert.equal(baseline.revision, head, 'the baseline stands for another head: run scripts/generate-baselines.ts')
        assert.deepEqual({from: baseline.from, revisions: baseline.revisions}, {from: chain[0], revisions: chain.length})
        assert.deepEqual(baseline.statements, baselineStatements(dialect, byChain.location), 'the chain builds another head schema now: run scripts/generate-baselines.ts')
        assert.deepEqual(baseline.requires, dialect === 'postgresql' ? ['pg_trgm'] : [])
        // The chain inserts no row into an empty database (nothing for the baseline to seed).
        const tables = await rows(
          byChain,
          dialect === 'sqlite' ? "select name from sqlite_master where type = 'table' and name not like 'sqlite%'" : 'select tablename as name from pg_tables where schemaname = current_schema()',
        )
        assert.ok(tables.length > 30)
        for (const {name} of tables) {
          if (name === 'alembic_version' || name === 'prefect_migrations') continue
          assert.equal(Number((await rows(byChain, `select count(*) as n from "${String(name)}"`))[0].n), 0, `rows in ${String(name)}`)
        }
      } finally {
        await byChain.knex.destroy()
        await byBaseline.knex.destroy()
      }
    })

    it('is recorded as one row standing for every revision; history, current, check and downgrades work from it', async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgrade(db.target)
        const log = await rows(db, 'select revision, execution_ms from prefect_migrations')
        assert.deepEqual(log.map((row) => row.revision), [`baseline:${head}`])
        assert.deepEqual(await rows(db, 'select version_num from alembic_version'), [{version_num: head}])

        const current = await currentRevision(db.target)
        assert.equal(current.revision, head)
        assert.deepEqual({...current.baseline, appliedAt: null, executionMs: null}, {revision: head, from: chain[0], revisions: chain.length, appliedAt: null, executionMs: null})
        const entries = await history(db.target)
        assert.ok(entries.every((entry) => entry.applied && entry.baseline?.revision === head && entry.executionMs === null && entry.appliedAt !== null))
        assert.equal((await check(db.target)).state, 'current')

        // A downgrade runs the revision's own down; the baseline still speaks for the rest.
        const down = await downgrade(db.target, {revision: '-2'})
        assert.deepEqual(down.applied.map((step) => [step.revision, step.direction]), [[head, 'downgrade'], [chain.at(-2), 'downgrade']])
        assert.equal(dumpOf(db), referenceDump(dialect, chain.length - 2))
        const after = await history(db.target)
        assert.deepEqual(after.slice(0, 3).map((entry) => [entry.applied, entry.baseline?.revision ?? null]), [[false, null], [false, null], [true, head]])
        // Back up: the two revisions run by themselves (an upgrade that is not from empty uses the chain).
        const up = await upgrade(db.target)
        assert.deepEqual(up.applied.map((step) => step.revision), chain.slice(-2))
        assert.equal(up.baseline, undefined)
        const again = await history(db.target)
        assert.deepEqual(again.slice(0, 3).map((entry) => [entry.baseline?.revision ?? null, entry.executionMs !== null]), [[null, true], [null, true], [head, false]])
        assert.equal((await currentRevision(db.target)).baseline, null)

        await downgrade(db.target, {revision: 'base'})
        assert.equal(dumpOf(db), referenceDump(dialect, 0))
      } finally {
        await db.knex.destroy()
      }
    })

    it('is only for an empty database going to head: a lower target, a dry run, --no-baseline and a database with revisions use the chain', async () => {
      const db = await freshDatabase(dialect)
      try {
        const dry = await upgrade(db.target, {dryRun: true})
        assert.equal(dry.baseline, undefined)
        assert.equal(dry.applied.length, chain.length)
        const part = await upgrade(db.target, {revision: chain[2]})
        assert.deepEqual(part.applied.map((step) => step.revision), chain.slice(0, 3))
        const rest = await upgrade(db.target)
        assert.equal(rest.baseline, undefined)
        assert.equal(rest.applied.length, chain.length - 3)
        assert.equal(dumpOf(db), referenceDump(dialect, chain.length))

        // At base with an empty alembic_version and another application's table: the baseline, which keeps it.
        await downgrade(db.target, {revision: 'base'})
        await db.knex.raw('create table their_table (id integer primary key)')
        await db.knex.raw('insert into their_table (id) values (7)')
        const rebuilt = await upgrade(db.target)
        assert.equal(rebuilt.baseline?.revision, head)
        assert.deepEqual(await rows(db, 'select id from their_table'), [{id: 7}])
        assert.equal(dumpDatabase(dialect, db.location, {exclude: ['prefect_migrations', 'their_table']}), referenceDump(dialect, chain.length))

        // reset re-creates from the baseline unless told not to; the other table stays either way.
        const viaBaseline = await reset(db.target)
        assert.equal(viaBaseline.baseline?.revision, head)
        assert.deepEqual(viaBaseline.keptTables, ['their_table'])
        const viaChain = await reset(db.target, {baseline: false})
        assert.equal(viaChain.baseline, undefined)
        assert.equal(viaChain.applied.length, chain.length)
        assert.equal(dumpDatabase(dialect, db.location, {exclude: ['prefect_migrations', 'their_table']}), referenceDump(dialect, chain.length))
      } finally {
        await db.knex.destroy()
      }
    })

    if (dialect === 'postgresql') {
      it('is not for a database holding one of Prefect\'s enum types (what a Prefect downgrade to base leaves)', async () => {
        const db = await freshDatabase(dialect)
        try {
          const connection = {rows: async (sql: string) => (await db.knex.raw(sql)).rows as unknown[], send: async () => {}}
          assert.equal(await readyForBaseline(connection, 'postgresql'), true)
          await db.knex.raw("create type worker_status as enum ('ONLINE', 'OFFLINE')")
          assert.equal(await readyForBaseline(connection, 'postgresql'), false)
        } finally {
          await db.knex.destroy()
        }
      })
    }
  })
})
