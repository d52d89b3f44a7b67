// The floors of `npm run bench`'s backup benchmark, plain node scripts that verify nothing:
//   node bench/backup-floor.mjs sqlite SOURCE_FILE DEST_FILE   SQLite's online backup API, all pages in one step
//   node bench/backup-floor.mjs pg POSTGRES_URL                 COPY (every Prefect table) TO STDOUT in one repeatable-read snapshot, discarded
import Database from 'better-sqlite3'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'

const [mode, a, b] = process.argv.slice(2)
if (mode === 'sqlite') {
  const db = new Database(a, {readonly: true})
  await db.backup(b, {progress: () => 0x7fffffff})
  db.close()
} else {
  const client = new pg.Client({connectionString: a})
  await client.connect()
  await client.query('begin isolation level repeatable read read only')
  const tables = (await client.query("select tablename from pg_tables where schemaname = current_schema() and tablename not in ('alembic_version', 'prefect_migrations')")).rows
  let bytes = 0
  for (const {tablename} of tables) {
    const stream = client.query(copyStreams.to(`copy "${tablename}" to stdout`))
    for await (const chunk of stream) bytes += chunk.length
  }

  await client.query('commit')
  await client.end()
  console.log(bytes)
}
