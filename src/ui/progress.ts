/**
 * Progress bars for long work (copy, and anything else that moves many rows), through
 * cli-progress: on a terminal only (stderr), never under --json or in CI logs. Each bar shows
 * rows done of the total, rows per second and the ETA.
 */
import cliProgress from 'cli-progress'

export interface RowProgress {
  /** A bar for one unit of work (a table) with this many rows to go. */
  start(name: string, total: number): void
  advance(name: string, rows: number): void
  finish(name: string): void
  /** Remove the bars (success or failure). */
  stop(): void
}

/** Names are padded to this width (longer ones are kept whole). */
const NAME_WIDTH = 16

const SILENT: RowProgress = {start() {}, advance() {}, finish() {}, stop() {}}

/** Bars when stderr is a terminal and not disabled; a no-op otherwise. */
export function rowProgress(options: {enabled: boolean; totalRows: number; minRows?: number}): RowProgress {
  if (!options.enabled || !process.stderr.isTTY) return SILENT
  const minRows = options.minRows ?? 10_000
  const multibar = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {name} |{bar}| {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}',
      // Narrow enough for an 80-column terminal with a seven-digit count.
      barsize: 12,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 8,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  )
  const started = performance.now()
  const total = multibar.create(Math.max(options.totalRows, 1), 0, {name: 'all tables'.padEnd(NAME_WIDTH), speed: '0'})
  const bars = new Map<string, {bar: cliProgress.SingleBar; done: number; started: number}>()
  let done = 0
  const speed = (rows: number, since: number) => String(Math.round(rows / Math.max((performance.now() - since) / 1000, 0.001)))
  return {
    start(name, rows) {
      if (rows < minRows) return
      bars.set(name, {bar: multibar.create(rows, 0, {name: name.padEnd(NAME_WIDTH), speed: '0'}), done: 0, started: performance.now()})
    },
    advance(name, rows) {
      done += rows
      total.update(done, {speed: speed(done, started)})
      const entry = bars.get(name)
      if (entry) {
        entry.done += rows
        entry.bar.update(entry.done, {speed: speed(entry.done, entry.started)})
      }
    },
    finish(name) {
      const entry = bars.get(name)
      if (entry) entry.bar.update(entry.done)
    },
    stop() {
      multibar.stop()
    },
  }
}
