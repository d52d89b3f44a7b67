// The floor of `npm run bench`'s copy benchmark: a plain node script that streams every row of
// a SQLite file's Prefect tables from better-sqlite3 into PostgreSQL with COPY FROM STDIN, in one
// transaction, into a database already migrated to the same schema (its indexes and foreign keys
// in place, tables in foreign key order). It converts only what
// PostgreSQL would otherwise refuse (SQLAlchemy's SQLite intervals), escapes COPY text, and
// verifies nothing.
//
//   node bench/copy-floor.mjs SQLITE_FILE POSTGRES_URL
import {once} from 'node:events'

import Database from 'better-sqlite3'
import pg from 'pg'
import copyStreams from 'pg-copy-streams'

const [file, url] = process.argv.slice(2)
const sqlite = new Database(file, {readonly: true})
const client = new pg.Client({connectionString: url})
await client.connect()
const names = sqlite
  .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('alembic_version', 'prefect_migrations')")
  .pluck()
  .all()
// Parents before children: Prefect's foreign keys are checked per row. Its keys form cycles
// (flow_run.state_id → flow_run_state → flow_run, …); an edge whose column holds no value in the
// source constrains nothing, so it is left out of the order.
const edges = []
for (const {child, column, parent} of (
  await client.query("select c.relname as child, a.attname as column, p.relname as parent from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1] where k.contype = 'f'")
).rows) {
  if (child === parent || !names.includes(child)) continue
  if (sqlite.prepare(`select exists (select 1 from "${child}" where "${column}" is not null)`).pluck().get()) edges.push({child, parent})
}

const tables = []
const remaining = new Set(names)
while (remaining.size > 0) {
  const ready = [...remaining].filter((t) => edges.every((e) => e.child !== t || !remaining.has(e.parent)))
  if (ready.length === 0) throw new Error(`a foreign key cycle among ${[...remaining].join(', ')}`)
  for (const t of ready) {
    tables.push(t)
    remaining.delete(t)
  }
}
const intervals = new Set(
  (await client.query("select table_name || '.' || column_name as c from information_schema.columns where data_type = 'interval'")).rows.map((row) => row.c),
)
const escape = (value) => {
  if (value === null) return '\\N'
  const text = typeof value === 'string' ? value : String(value)
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ({'\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t'})[c]) : text
}

const epoch = (value) => {
  if (typeof value !== 'string') return `${value} seconds`
  const ms = Date.parse(`${value.replace(' ', 'T').slice(0, 23)}Z`)
  return `${ms / 1000} seconds`
}

await client.query('begin')
await client.query("set local timezone = 'UTC'")
let rows = 0
sqlite.exec('BEGIN')
for (const table of tables) {
  const statement = sqlite.prepare(`select * from "${table}"`).raw(true)
  const columns = statement.columns().map((column) => column.name)
  const isInterval = columns.map((column) => intervals.has(`${table}.${column}`))
  const stream = client.query(copyStreams.from(`copy "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`))
  let chunk = ''
  for (const row of statement.iterate()) {
    let line = ''
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + escape(isInterval[i] && row[i] !== null ? epoch(row[i]) : row[i])
    chunk += `${line}\n`
    rows++
    if (chunk.length > 65_536) {
      if (!stream.write(chunk)) await once(stream, 'drain')
      chunk = ''
    }
  }

  stream.end(chunk)
  await once(stream, 'finish')
}

await client.query('commit')
await client.end()
sqlite.close()
console.log(JSON.stringify({rows}))
