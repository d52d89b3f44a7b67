import cliProgress from 'cli-progress'

import type {TableCounts} from '../vacuum/index.js'

/**
 * Progress bars for a vacuum run on a terminal (stderr): one per table that has rows to go, with
 * rows deleted of the counted total, rows per second and cli-progress's ETA.
 */
export class VacuumBars {
  private readonly multibar = new cliProgress.MultiBar(
    {
      format: '{table} |{bar}| {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}',
      barsize: 24,
      hideCursor: true,
      stopOnComplete: false,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  )

  private readonly bars = new Map<string, {bar: cliProgress.SingleBar; value: number; started: number}>()
  private width = 0

  start(totals: TableCounts): void {
    const tables = Object.entries(totals).filter(([, total]) => total > 0)
    this.width = Math.max(0, ...tables.map(([table]) => table.length))
    for (const [table, total] of tables) {
      this.bars.set(table, {bar: this.multibar.create(total, 0, {table: table.padEnd(this.width), rate: '0'}), value: 0, started: 0})
    }
  }

  update(deleted: Partial<TableCounts>): void {
    for (const [table, rows] of Object.entries(deleted)) {
      const entry = this.bars.get(table)
      if (!entry || !rows) continue
      entry.started ||= performance.now()
      entry.value += rows
      const seconds = (performance.now() - entry.started) / 1000
      const rate = seconds > 0.05 ? Math.round(entry.value / seconds).toLocaleString('en-US') : '…'
      entry.bar.update(entry.value, {table: table.padEnd(this.width), rate})
    }
  }

  stop(): void {
    this.multibar.stop()
  }
}
