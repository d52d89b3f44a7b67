import {postgresqlChain} from '../migrations/postgresql/index.js'
import {RELEASES} from '../migrations/prefect-data.js'
import {sqliteChain} from '../migrations/sqlite/index.js'

/**
 * What `prefect version` reports: this tool's version, the head of each revision chain it carries
 * and the Prefect release that head corresponds to, and the runtime. Reading the chains' indexes
 * loads no revision module and no knex.
 */
export interface ChainHead {
  revision: string
  /** The newest Prefect release whose head this revision is; null when it is in no release. */
  release: string | null
  /** When the head is in no release: the newest release it is newer than. */
  newerThan: string | null
}

export interface VersionInfo {
  version: string
  heads: {sqlite: ChainHead; postgresql: ChainHead}
  /** The SQLite library's version (better-sqlite3's bundled SQLite); null when it cannot load. */
  sqliteVersion: string | null
  nodeVersion: string
  platform: string
}

function chainHead(chain: ReadonlyArray<{revision: string}>, column: 1 | 2): ChainHead {
  const revision = chain.at(-1)!.revision
  const position = new Map(chain.map((entry, index) => [entry.revision, index]))
  const release = RELEASES.filter((row) => row[column] === revision).at(-1)?.[0] ?? null
  if (release) return {revision, release, newerThan: null}
  const older = RELEASES.filter((row) => (position.get(row[column]) ?? Infinity) < chain.length - 1).at(-1)?.[0] ?? null
  return {revision, release: null, newerThan: older}
}

export function chainHeads(): VersionInfo['heads'] {
  return {sqlite: chainHead(sqliteChain, 1), postgresql: chainHead(postgresqlChain, 2)}
}

/** `select sqlite_version()` on an in-memory database; the driver loads only here. */
export async function sqliteLibraryVersion(): Promise<string | null> {
  try {
    const {default: Database} = await import('better-sqlite3')
    const db = new Database(':memory:')
    try {
      return (db.prepare('select sqlite_version() as version').get() as {version: string}).version
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

export function headLabel(head: ChainHead): string {
  if (head.release) return `${head.revision} (head of Prefect ${head.release})`
  if (head.newerThan) return `${head.revision} (newer than Prefect ${head.newerThan})`
  return head.revision
}

/** Prefect's `prefect version` layout: `Key:` padded to a common column, then the value. */
export function versionLines(info: VersionInfo): string[] {
  const rows: Array<[string, string]> = [
    ['Version', info.version],
    ['SQLite chain head', headLabel(info.heads.sqlite)],
    ['PostgreSQL chain head', headLabel(info.heads.postgresql)],
    ['SQLite version', info.sqliteVersion ?? 'unavailable (better-sqlite3 did not load)'],
    ['Node.js version', info.nodeVersion],
    ['OS/Arch', info.platform],
  ]
  const width = Math.max(20, ...rows.map(([key]) => key.length + 2))
  return rows.map(([key, value]) => `${`${key}:`.padEnd(width)}${value}`)
}
