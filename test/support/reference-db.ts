import Database from 'better-sqlite3'
import pg from 'pg'

import {referenceDdl, referenceDump, type RefDialect} from './reference-schema.js'

/**
 * Put a database in the exact state Prefect's migrations leave it at `position` of the
 * dialect's chain (0 = base: an empty alembic_version table), from the reference dump.
 * `location` is a SQLite file path (created) or a PostgreSQL URL of an empty database.
 */
export async function buildReferenceDatabase(dialect: RefDialect, location: string, position: number): Promise<void> {
  const statements = referenceDdl(referenceDump(dialect, position))
  if (dialect === 'sqlite') {
    const db = new Database(location)
    try {
      db.exec(['BEGIN', ...statements, 'COMMIT'].join(';\n'))
    } finally {
      db.close()
    }

    return
  }

  const client = new pg.Client({connectionString: location})
  await client.connect()
  try {
    await client.query(['BEGIN', ...statements, 'COMMIT'].join(';\n'))
  } finally {
    await client.end()
  }
}
