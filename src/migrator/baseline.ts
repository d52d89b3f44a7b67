import type {Knex} from 'knex'

import {errorFirstLine, toPrefectError, translateConnectionError} from '../db/connection-errors.js'
import {tablesByOwner} from '../db/drop-all.js'
import {acquireMigrationLock, DEFAULT_LOCK_TIMEOUT_SECONDS} from '../db/migration-lock.js'
import {checkPgTrgm} from '../db/pg-trgm.js'
import {openRawConnection, type RawConnection, unlessPostgres} from '../db/raw-connection.js'
import {sendStatements} from '../db/raw-statements.js'
import type {DatabaseTarget, Dialect} from '../db/target.js'
import {isPrefectError, MigrationError, type PrefectError} from '../errors.js'
import {PREFECT_ENUM_TYPES} from '../migrations/prefect-data.js'
import type {Baseline} from '../migrations/types.js'
import type {Chain} from './chain.js'
import {baselineRecordStatements, RECORD_TABLE_STATEMENTS} from './record.js'
import {RECORD_TABLE, VERSION_TABLE} from './record-tables.js'
import {result} from './result.js'
import type {BaselineApplied, MigrateOptions, MigrationResult} from './types.js'

/*
 * The squashed baseline: an empty database going to head gets the head schema's DDL
 * (src/migrations/<dialect>/baseline.ts, generated from a database the chain built) and its
 * record in one transaction, instead of every revision in its own. A test builds both ways and
 * compares them; the generated statements are checked against the chain the same way.
 */

/** What a baseline needs of a connection: rows of one statement, several statements sent at once. */
export type BaselineConnection = Pick<RawConnection, 'rows' | 'send'>

/** The dialect's baseline module, loaded only when one is applied (it is the whole head schema). */
export async function loadBaseline(dialect: Dialect): Promise<Baseline> {
  return dialect === 'sqlite' ? (await import('../migrations/sqlite/baseline.js')).sqliteBaseline : (await import('../migrations/postgresql/baseline.js')).postgresqlBaseline
}

/**
 * Whether the database may get the baseline: nothing of Prefect's is there. That is no table at
 * all, or (at base) an empty alembic_version beside, at most, an empty log of ours and other
 * applications' tables; on PostgreSQL no enum type of Prefect's either (a downgrade to base
 * leaves `worker_status`). Tables without alembic_version are a foreign database, left to the
 * chain's run, which refuses it.
 */
export async function readyForBaseline(db: BaselineConnection, dialect: Dialect): Promise<boolean> {
  const tables =
    dialect === 'sqlite'
      ? ((await db.rows("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'")) as Array<{name: string}>)
      : ((await db.rows('select tablename as name from pg_catalog.pg_tables where schemaname = current_schema()')) as Array<{name: string}>)
  const names = tables.map((row) => row.name)
  if (names.length === 0) return dialect === 'sqlite' || !(await hasPrefectEnumType(db))
  const {prefect} = tablesByOwner(names)
  if (!names.includes(VERSION_TABLE) || prefect.some((name) => name !== VERSION_TABLE && name !== RECORD_TABLE)) return false
  for (const table of prefect) {
    const [{count}] = (await db.rows(`select count(*) as count from ${table}`)) as Array<{count: number | string}>
    if (Number(count) > 0) return false
  }

  // Other applications' tables may stay beside an empty alembic_version: the baseline creates only Prefect's.
  return dialect === 'sqlite' || !(await hasPrefectEnumType(db))
}

async function hasPrefectEnumType(db: BaselineConnection): Promise<boolean> {
  const rows = (await db.rows(
    "select t.typname as name from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace where t.typtype = 'e' and n.nspname = current_schema()",
  )) as Array<{name: string}>
  return rows.some((row) => PREFECT_ENUM_TYPES.includes(row.name))
}

/**
 * Apply the baseline in one transaction with its record: alembic_version at its revision, one
 * log row `baseline:<revision>`. SQLite: BEGIN IMMEDIATE, foreign keys off for the run and
 * `PRAGMA foreign_key_check` empty before COMMIT, as for any revision. PostgreSQL: everything
 * from BEGIN to the record in one query, then COMMIT on its own (see runPostgresBatch). pg_trgm is
 * checked first, as the chain's preflight does.
 */
export async function applyBaseline(db: BaselineConnection, target: DatabaseTarget, baseline: Baseline): Promise<BaselineApplied> {
  const {dialect} = target
  const info = {revision: baseline.revision, from: baseline.from, revisions: baseline.revisions}
  if (dialect === 'postgresql' && baseline.requires.includes('pg_trgm')) {
    await checkPgTrgm({raw: async (sql) => ({rows: await db.rows(sql)})}, target, baseline.revision)
  }

  const start = performance.now()
  const schema = [...RECORD_TABLE_STATEMENTS, ...baseline.statements]
  if (dialect === 'postgresql') {
    try {
      await db.send(['BEGIN', ...schema, ...baselineRecordStatements(dialect, info, null)])
      await db.send(['COMMIT'])
    } catch (error) {
      await db.send(['ROLLBACK']).catch(() => {})
      throw failure(error, target, baseline)
    }

    return {...info, milliseconds: Math.round(performance.now() - start)}
  }

  await db.send(['PRAGMA foreign_keys = OFF'])
  try {
    await db.send(['BEGIN IMMEDIATE'])
    await db.send([verbatim(schema)])
    await db.send(baselineRecordStatements(dialect, info, performance.now() - start))
    const violations = await db.rows('PRAGMA foreign_key_check')
    if (violations.length > 0) throw new MigrationError(`The baseline of ${baseline.revision} left ${violations.length} foreign key violation(s); it was rolled back.`)
    await db.send(['COMMIT'])
  } catch (error) {
    await db.send(['ROLLBACK']).catch(() => {})
    throw failure(error, target, baseline)
  } finally {
    await db.send(['PRAGMA foreign_keys = ON'])
  }

  return {...info, milliseconds: Math.round(performance.now() - start)}
}

/**
 * SQLite keeps a CREATE statement's text as sent, trailing whitespace of an index's included:
 * the statements are joined so that each arrives exactly as the chain left it in sqlite_master
 * (a newline is added only after a final `--` comment, which would swallow the semicolon).
 */
function verbatim(statements: readonly string[]): string {
  return statements.map((sql) => (/--[^\n]*$/.test(sql) ? `${sql}\n` : sql)).join(';\n')
}

function failure(error: unknown, target: DatabaseTarget, baseline: Baseline): PrefectError {
  const connection = translateConnectionError(error, target)
  if (connection) return connection
  if (isPrefectError(error)) return error
  return new MigrationError(
    `The baseline of ${baseline.revision} failed: ${errorFirstLine(error)}.`,
    'It was rolled back; nothing was changed. Run the upgrade with --no-baseline to apply the revisions one by one.',
  )
}

/** A knex connection (reset's, which has dropped Prefect's tables under its lock) for applyBaseline. */
export function knexConnection(knex: Knex, dialect: Dialect): BaselineConnection {
  return {
    rows: async (sql) => (dialect === 'sqlite' ? ((await knex.raw(sql)) as unknown[]) : ((await knex.raw(sql)) as {rows: unknown[]}).rows),
    send: (statements) => sendStatements(knex, dialect, statements),
  }
}

/**
 * An upgrade of an empty database to head by the baseline, straight through the driver (no
 * knex): checked read-only first (a SQLite file that exists is not even opened for writing),
 * again under the migration lock. Null when the database is not empty, cannot be opened, or
 * another run got there first: the chain's run then takes over (and finds what there is to do,
 * or reports what is wrong).
 */
export async function upgradeByBaseline(target: DatabaseTarget, chain: Chain, options: MigrateOptions): Promise<MigrationResult | null> {
  if (target.dialect === 'sqlite' && target.memory) return null
  try {
    return await upgradeUnlessBusy(target, chain, options)
  } catch (error) {
    throw isPrefectError(error) ? error : toPrefectError(error, target, 'The upgrade')
  }
}

async function upgradeUnlessBusy(target: DatabaseTarget, chain: Chain, options: MigrateOptions): Promise<MigrationResult | null> {
  if (target.dialect === 'sqlite') {
    const {assertSqliteWritable, sqliteFileExists} = await import('../db/connect.js')
    if (sqliteFileExists(target)) {
      assertSqliteWritable(target)
      const reader = await openRawConnection(target, {mode: 'read', warn: options.warn, onQuery: options.onQuery}).catch(() => null)
      if (!reader) return null
      try {
        if (!(await readyForBaseline(reader, 'sqlite'))) return null
      } finally {
        await reader.close()
      }
    }
  }

  // A SQLite file that cannot be opened is left to the chain's run, which reports it as it always
  // has; a PostgreSQL server that cannot be reached is reported now (see unlessPostgres).
  const db = await openRawConnection(target, {mode: 'migrate', warn: options.warn, onQuery: options.onQuery}).catch(unlessPostgres(target))
  if (!db) return null
  try {
    if (target.dialect === 'postgresql' && !(await readyForBaseline(db, 'postgresql'))) return null
    const lock = await acquireMigrationLock(target, {action: 'upgrade', timeoutSeconds: options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS, onWait: options.onWait})
    let applied: BaselineApplied
    try {
      const baseline = await loadBaseline(target.dialect)
      // A baseline of another head (a chain edited without regenerating it) is never applied.
      if (baseline.revision !== chain.head?.revision || !(await readyForBaseline(db, target.dialect))) {
        await lock.release()
        return null
      }

      applied = await applyBaseline(db, target, baseline)
    } catch (error) {
      await lock.release().catch(() => {})
      throw error
    }

    await lock.release()
    return {...result('upgrade', target, chain, -1, chain.positionOf(applied.revision)!, []), baseline: applied}
  } finally {
    await db.close()
  }
}
