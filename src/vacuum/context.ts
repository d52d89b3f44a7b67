import type {Knex} from 'knex'

import type {Dialect} from '../db/target.js'
import {CollectionFates} from './collections.js'
import {emptyCounts, type TableCounts} from './types.js'

/** What every step works with: one connection, the batch size, and the run's tallies. */
export class StepContext {
  readonly deleted: TableCounts = emptyCounts()
  readonly fates = new CollectionFates()

  constructor(
    readonly knex: Knex,
    readonly dialect: Dialect,
    readonly batchSize: number,
    private readonly onProgress?: (deleted: Partial<TableCounts>) => void,
  ) {}

  /** A committed batch's rows, added to the tallies and reported. */
  report(batch: Partial<TableCounts>): void {
    let any = false
    for (const [table, rows] of Object.entries(batch) as Array<[keyof TableCounts, number]>) {
      this.deleted[table] += rows
      any ||= rows > 0
    }

    if (any) this.onProgress?.(batch)
  }

  /** One batch: a short transaction of its own (BEGIN IMMEDIATE on SQLite), reported once committed. */
  async batch(body: (trx: Knex.Transaction) => Promise<Partial<TableCounts> | null>): Promise<Partial<TableCounts> | null> {
    const counts = await this.knex.transaction(body)
    if (counts) this.report(counts)
    return counts
  }
}
