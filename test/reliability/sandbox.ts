import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import Database from 'better-sqlite3'

import {adminQuery, freshPostgresDatabase} from '../harness/databases.js'
import {tempDir} from '../harness/tmp.js'

/**
 * An isolated place for one hostile-input case: its own HOME, PREFECT_HOME, working directory
 * and SQLite directory, so that everything the case could touch can be hashed before and after.
 */
export interface Sandbox {
  root: string
  home: string
  prefectHome: string
  cwd: string
  dbDir: string
  sqliteFile: string
  sqliteUrl: string
  pg?: {name: string; url: string; asyncpgUrl: string}
  env: Record<string, string>
}

export const NOBODY = 65_534

export function makeSandbox(forNobody: boolean): Sandbox {
  const root = forNobody ? fs.mkdtempSync(path.join(os.tmpdir(), 'prefect-nobody-')) : tempDir('case-')
  const home = path.join(root, 'home')
  const prefectHome = path.join(home, '.prefect')
  const cwd = path.join(root, 'cwd')
  const dbDir = path.join(root, 'db')
  for (const dir of [home, prefectHome, cwd, dbDir]) fs.mkdirSync(dir, {recursive: true})
  const sqliteFile = path.join(dbDir, 'prefect.db')
  const sqliteUrl = `sqlite+aiosqlite:///${sqliteFile}`
  return {root, home, prefectHome, cwd, dbDir, sqliteFile, sqliteUrl, env: {HOME: home, PREFECT_HOME: prefectHome}}
}

export async function withPostgres(sandbox: Sandbox): Promise<NonNullable<Sandbox['pg']>> {
  sandbox.pg ??= await freshPostgresDatabase()
  return sandbox.pg
}

export function handOverToNobody(sandbox: Sandbox): void {
  fs.chmodSync(sandbox.root, 0o755)
  for (const entry of fs.readdirSync(sandbox.root, {recursive: true, encoding: 'utf8'})) {
    fs.chownSync(path.join(sandbox.root, entry), NOBODY, NOBODY)
  }

  fs.chownSync(sandbox.root, NOBODY, NOBODY)
}

/** Every file under the sandbox with its content hash and mode. */
export function fingerprintFiles(sandbox: Sandbox): string {
  const lines: string[] = []
  for (const entry of fs.readdirSync(sandbox.root, {recursive: true, encoding: 'utf8'}).sort()) {
    const file = path.join(sandbox.root, entry)
    const stat = fs.lstatSync(file)
    const content = stat.isFile() ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') : '-'
    lines.push(`${entry} ${(stat.mode & 0o7777).toString(8)} ${stat.isDirectory() ? 'dir' : content}`)
  }

  return lines.join('\n')
}

/** The PostgreSQL database's tables, columns, indexes and version rows, as one text. */
export async function fingerprintPostgres(sandbox: Sandbox): Promise<string> {
  if (!sandbox.pg) return ''
  const db = sandbox.pg.name
  const columns = await adminQuery(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY 1, 2`, [], db)
  const indexes = await adminQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1", [], db)
  const versions: unknown[] = []
  for (const table of ['prefect_migrations', 'alembic_version']) {
    const exists = await adminQuery('SELECT to_regclass($1) AS t', [`public.${table}`], db)
    if (exists[0].t) versions.push(await adminQuery(`SELECT * FROM ${table} ORDER BY 1`, [], db))
  }

  return JSON.stringify({columns, indexes, versions})
}

/** A database made by this tool's earlier 17-revision chain: prefect_migrations and tables, no alembic_version. */
const LEGACY = `CREATE TABLE prefect_migrations (revision VARCHAR(12) NOT NULL PRIMARY KEY, applied_at TIMESTAMP NOT NULL, execution_ms INTEGER NOT NULL);
    INSERT INTO prefect_migrations VALUES ('14d2c846dfca', CURRENT_TIMESTAMP, 4);
    CREATE TABLE flow (id CHAR(36) PRIMARY KEY, name VARCHAR NOT NULL UNIQUE);
    INSERT INTO flow VALUES ('5b0bd3b4-1a23-4c1e-9f00-000000000001', 'etl');`

export function makeLegacySqlite(file: string): void {
  const db = new Database(file)
  db.exec(LEGACY)
  db.close()
}

export async function makeLegacyPostgres(database: string): Promise<void> {
  await adminQuery(LEGACY, [], database)
}

/** Another application's database: tables, no alembic_version. */
export function makeForeignSqlite(file: string): void {
  const db = new Database(file)
  db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, 'ada');")
  db.close()
}

export const FUTURE_REVISION = '0123456789ab'
