/**
 * `backup --format pg_dump` and its restore, for PostgreSQL when pg_dump/pg_restore are on PATH.
 * The dump holds the rows of Prefect's tables (--data-only) from the snapshot the hashes are read
 * in (pg_export_snapshot, pg_dump --snapshot). The restore migrates the target with this tool's
 * chain, then streams pg_restore's COPY blocks into one transaction of its own (indexes and keys
 * set aside as the copy engine does), checks every table's count and hash against the sidecar,
 * and only then commits.
 */
import {spawn, spawnSync} from 'node:child_process'
import {once} from 'node:events'
import path from 'node:path'
import readline from 'node:readline'
import {finished} from 'node:stream/promises'

import copyStreams from 'pg-copy-streams'

import {columnPlan, foreignKeyOrder, hashTable, versionIn} from '../copy/copy.js'
import {PostgresEnd, type TableInfo} from '../copy/sides.js'
import type {DatabaseTarget, PostgresTarget} from '../db/target.js'
import {BackupFailedError, RestoreMismatchError, UsageError} from '../errors.js'
import {downgrade, upgrade} from '../migrator/migrate.js'
import {readOnlyState} from '../migrator/inspect.js'
import {loadChain} from '../migrator/session.js'
import {PREFECT_DATA_TABLES} from '../db/drop-all.js'
import {type BackupOptions, knownRevision, type WrittenBackup} from './backup.js'
import type {BackupManifest} from './manifest.js'
import type {RestoreOptions} from './restore.js'

export function hasProgram(program: string): boolean {
  return spawnSync(program, ['--version'], {stdio: 'ignore'}).status === 0
}

/** libpq's variables for a target: the password never on a command line. */
function libpqEnv(target: PostgresTarget): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...process.env, PGHOST: target.host, PGPORT: String(target.port), PGDATABASE: target.database}
  if (target.user) env.PGUSER = target.user
  if (target.password) env.PGPASSWORD = target.password
  if (target.params.sslmode) env.PGSSLMODE = target.params.sslmode
  return env
}

/** Each table's count and content hash, read in the snapshot `end` holds (the copy engine's hashTable). */
async function hashTables(end: PostgresEnd, tables: ReadonlyMap<string, TableInfo>, names: readonly string[], onRows?: (table: string, rows: number) => void): Promise<BackupManifest['tables']> {
  const out: BackupManifest['tables'] = []
  for (const name of names) {
    const info = tables.get(name)!
    const hash = await hashTable(end, name, columnPlan('postgresql', 'postgresql', info, info), (rows) => onRows?.(name, rows))
    out.push({table: name, rows: hash.rows, hash: hash.digest()})
  }

  return out
}

export async function pgDumpBackup(source: PostgresTarget, work: string, options: BackupOptions): Promise<WrittenBackup> {
  if (!hasProgram('pg_dump')) throw new BackupFailedError('--format pg_dump needs pg_dump on PATH, and there is none.', 'Leave --format out: the default backup needs no other program.')
  const file = path.join(work, 'backup.dump')
  const end = await PostgresEnd.connect(source)
  try {
    // The copy engine's snapshot: repeatable read, and UTC with ISO styles, so that the hashes are
    // the ones a restore computes (timestamps print in the session's time zone).
    await end.beginSnapshot()
    const snapshot = (await end.client.query<{s: string}>('select pg_export_snapshot() as s')).rows[0].s
    const schema = (await end.client.query<{s: string}>('select current_schema() as s')).rows[0].s
    const tables = await end.tables()
    const names = [...tables.keys()].filter((table) => PREFECT_DATA_TABLES.has(table)).sort()
    const revision = names.length === 0 ? null : await versionIn(end)
    const known = await knownRevision(source, revision)
    options.onPhase?.('copy')
    const args = ['--format=custom', '--data-only', `--snapshot=${snapshot}`, `--file=${file}`, ...names.map((name) => `--table=${JSON.stringify(schema)}.${JSON.stringify(name)}`)]
    const dump = run('pg_dump', args, libpqEnv(source))
    const [hashed] = await Promise.all([hashTables(end, tables, names, options.onRows), dump])
    return {file, sourceRevision: known, fileRevision: known, tables: hashed}
  } finally {
    await end.close()
  }
}

async function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(program, args, {env, stdio: ['ignore', 'ignore', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const [code] = (await once(child, 'close')) as [number | null]
  if (code !== 0) throw new BackupFailedError(`${program} failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`)
}

export function assertPgDumpRestorable(file: string, target: DatabaseTarget): void {
  if (target.dialect !== 'postgresql') {
    throw new UsageError(`${file} is a pg_dump backup: it restores onto PostgreSQL only, and ${target.displayUrl} is SQLite.`, 'Take SQLite-format backups (the default) to move between dialects.')
  }

  if (!hasProgram('pg_restore')) throw new UsageError(`${file} is a pg_dump backup, and there is no pg_restore on PATH to read it.`)
}

/** pg_restore's plain script, its COPY blocks streamed into one verified transaction. */
export async function pgRestore(file: string, manifest: BackupManifest, target: DatabaseTarget, options: RestoreOptions): Promise<BackupManifest['tables']> {
  const pgTarget = target as PostgresTarget
  const chain = await loadChain('postgresql')
  const state = await readOnlyState(pgTarget, chain, {warn: options.warn})
  const wanted = chain.positionOf(manifest.fileRevision)!
  options.onPhase?.('migrate')
  const migrate = {revision: manifest.fileRevision, lockTimeoutSeconds: options.lockTimeoutSeconds, warn: options.warn, onApplied: options.onApplied}
  if ((state?.position ?? -1) <= wanted) await upgrade(pgTarget, migrate)
  else await downgrade(pgTarget, migrate)

  const loader = await PostgresEnd.connect(pgTarget)
  try {
    const infos = await loader.tables()
    const order = foreignKeyOrder([...infos.keys()].filter((table) => PREFECT_DATA_TABLES.has(table)), infos)
    for (const table of order) {
      if ((await loader.count(table)) > 0) throw new RestoreMismatchError(`${target.displayUrl} gained rows in ${table} before the restore began. Nothing was restored.`, 'Stop whatever writes to it and restore again.')
    }

    options.onPhase?.('load')
    await loader.begin(order)
    const child = spawn('pg_restore', ['--data-only', '--file=-', file], {stdio: ['ignore', 'pipe', 'pipe']})
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const closed = once(child, 'close') as Promise<[number | null]>
    let stream: ReturnType<typeof copyStreams.from> | undefined
    let buffer = ''
    const flush = async () => {
      if (stream && buffer && !stream.write(buffer)) await once(stream, 'drain')
      buffer = ''
    }

    let skipping = false
    for await (const line of readline.createInterface({input: child.stdout, crlfDelay: Infinity})) {
      if (skipping) {
        skipping = line !== '\\.'
        continue
      }

      if (stream) {
        if (line === '\\.') {
          await flush()
          stream.end()
          await finished(stream)
          stream = undefined
        } else {
          buffer += `${line}\n`
          if (buffer.length > 1 << 16) await flush()
        }

        continue
      }

      const copy = /^COPY (?:(?:"[^"]+"|\w+)\.)?("[^"]+"|\w+) (\(.*\)) FROM stdin;$/.exec(line)
      if (copy) {
        const table = copy[1].replace(/^"|"$/g, '')
        // alembic_version was written by the migration.
        if (table === 'alembic_version') skipping = true
        else stream = loader.client.query(copyStreams.from(`copy "${table}" ${copy[2]} from stdin`))
      } else if (/^SELECT pg_catalog\.setval\(/.test(line)) {
        await loader.client.query(line)
      }
    }

    const [code] = await closed
    if (code !== 0) throw new RestoreMismatchError(`pg_restore could not read ${file} (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}. Nothing was restored; ${target.displayUrl} is left migrated and empty.`)
    options.onPhase?.('rebuild')
    await loader.finishLoad()
    options.onPhase?.('verify')
    const loaded = await hashTables(loader, await loader.tables(), manifest.tables.map((table) => table.table))
    const bad = loaded.filter((table, i) => table.rows !== manifest.tables[i].rows || table.hash !== manifest.tables[i].hash)
    if (bad.length > 0) {
      await loader.rollback()
      throw new RestoreMismatchError(`The restored rows do not match the backup's sidecar (${bad.map((table) => table.table).slice(0, 5).join(', ')}): nothing was committed; ${target.displayUrl} is left migrated and empty.`)
    }

    options.onPhase?.('commit')
    await loader.commit()
    return loaded
  } finally {
    await loader.rollback()
    await loader.close()
  }
}
