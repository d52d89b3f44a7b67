// The vacuum floor: a plain node script that deletes the rows vacuum deletes with plain
// `DELETE FROM t WHERE id IN (batch)` loops, one transaction per batch, children first, the ids
// read up front; nothing else (no lock, no checks, no counting, no re-checks).
//   node bench/floor-vacuum.js sqlite|postgresql <db file or URL> <batch size> <cutoff ISO>
// Prints {"rows": N} on stdout.
import Database from 'better-sqlite3'
import pg from 'pg'

const [dialect, target, batchArg, cutoffIso] = process.argv.slice(2)
const batch = Number(batchArg)
const cutoff = dialect === 'sqlite' ? `${cutoffIso.replace('T', ' ').replace('Z', '')}000` : cutoffIso
const runs = `select id from flow_run where parent_task_run_id is null and state_type in ('COMPLETED', 'CANCELLED', 'FAILED', 'CRASHED') and end_time is not null and end_time < ${dialect === 'sqlite' ? '?' : '$1::timestamptz'}`
const selects = [
  ['task_run_state', `select id from task_run_state where task_run_id in (select id from task_run where flow_run_id in (${runs}))`],
  ['task_run', `select id from task_run where flow_run_id in (${runs})`],
  ['flow_run_state', `select id from flow_run_state where flow_run_id in (${runs})`],
  ['log', `select id from log where flow_run_id in (${runs})`],
  ['flow_run', runs],
]
let rows = 0
if (dialect === 'sqlite') {
  const db = new Database(target)
  // The pragmas Prefect (and vacuum) use, so the floor differs by the work only.
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  const ids = selects.map(([table, sql]) => [table, db.prepare(sql).pluck().all(cutoff)])
  for (const [table, list] of ids) {
    for (let i = 0; i < list.length; i += batch) {
      const slice = list.slice(i, i + batch)
      db.exec('BEGIN IMMEDIATE')
      rows += db.prepare(`delete from ${table} where id in (${slice.map(() => '?').join(',')})`).run(...slice).changes
      db.exec('COMMIT')
    }
  }

  db.close()
} else {
  const client = new pg.Client({connectionString: target})
  await client.connect()
  const ids = []
  for (const [table, sql] of selects) ids.push([table, (await client.query({text: sql, values: [cutoff], rowMode: 'array'})).rows.map((row) => row[0])])
  for (const [table, list] of ids) {
    for (let i = 0; i < list.length; i += batch) {
      const slice = list.slice(i, i + batch)
      await client.query('BEGIN')
      rows += (await client.query(`delete from ${table} where id in (${slice.map((_, n) => `$${n + 1}`).join(',')})`, slice)).rowCount
      await client.query('COMMIT')
    }
  }

  await client.end()
}

process.stdout.write(`${JSON.stringify({rows})}\n`)
