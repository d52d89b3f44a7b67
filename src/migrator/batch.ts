import type {Knex} from 'knex'

import {recordingPostgresKnex, type RecordedQuery} from '../db/recording-knex.js'
import type {Revision} from '../migrations/types.js'

/**
 * PostgreSQL: a transactional revision is first run against a recording client, which sends
 * nothing, and what it recorded goes to the server in one query, from BEGIN to its record row,
 * followed by COMMIT: far fewer round trips than statement by statement.
 *
 * Only a revision whose SQL cannot depend on the database qualifies: one that reads (a select,
 * a `returning`, a schema inspection), sends parameters, changes rows through the query builder,
 * opens a transaction of its own, or fails while recorded runs live, statement by statement, as
 * before. Either way the revision and its record row share one transaction, and COMMIT is sent
 * only once the rest has succeeded: a client killed before then leaves the transaction to be
 * rolled back when the server finds its session gone.
 */
export class PostgresBatcher {
  private readonly recorder: Knex
  private recorded: RecordedQuery[] = []

  constructor() {
    this.recorder = recordingPostgresKnex((_sql, query) => this.recorded.push(query))
  }

  /** The revision's statements in order, or null when it must run live. */
  async statements(revision: Revision, direction: 'upgrade' | 'downgrade'): Promise<string[] | null> {
    this.recorded = []
    const body = direction === 'upgrade' ? revision.up : revision.down
    try {
      await body.call(revision, {knex: this.recorder, dialect: 'postgresql'})
    } catch {
      return null
    }

    return this.recorded.some(mayDependOnTheDatabase) ? null : this.recorded.map((query) => query.sql)
  }

  async destroy(): Promise<void> {
    await this.recorder.destroy()
  }
}

const READS = /^(select|with|show|table|values|explain|fetch|pragma)\b|\breturning\b/i
// A transaction opened inside a revision would be recorded as BEGIN/COMMIT of its own.
const TRANSACTION_CONTROL = /^(begin|commit|rollback|savepoint|release|start\s+transaction|end|abort)\b/i
const LEADING = /^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/|\()+/

/**
 * Whether a recorded query's outcome could matter to the revision: while recorded, every query
 * returns no rows and counts nothing. Reads, parameters, builder inserts/updates/deletes (whose
 * results a revision may use) and transaction control send the revision live.
 */
function mayDependOnTheDatabase(query: RecordedQuery): boolean {
  if (query.parameterised || query.returning !== undefined) return true
  if (['select', 'first', 'pluck', 'columnInfo', 'insert', 'update', 'del', 'delete', 'upsert'].includes(query.method ?? '')) return true
  const sql = query.sql.replace(LEADING, '')
  return READS.test(sql) || TRANSACTION_CONTROL.test(sql)
}
