/**
 * An order-independent content hash of a table: each row's canonical line (its canonical cells as
 * one line of COPY text: tab-separated, escaped, NULL as \N; see values.ts) is hashed with SHA-1,
 * and the digests are added up lane by lane (five 32-bit lanes, modulo 2^32). Addition does not
 * care about order, and counts each row as often as it occurs, so equal sums and equal counts
 * mean the same multiset of rows, short of a 2^-160 accident.
 */
import {hash} from 'node:crypto'

import {encodeField} from './copy-text.js'

/** A row's canonical cells as one line of COPY text. */
export function canonicalLine(cells: ReadonlyArray<string | null>): string {
  let line = encodeField(cells[0] ?? null)
  for (let i = 1; i < cells.length; i++) line += `\t${encodeField(cells[i])}`
  return line
}

export class RowHash {
  private readonly lanes = new Uint32Array(5)
  rows = 0

  add(cells: ReadonlyArray<string | null>): void {
    this.addLine(canonicalLine(cells))
  }

  /** A row whose canonical line is already at hand (as text, or as the bytes PostgreSQL sent). */
  addLine(line: string | Buffer): void {
    const digest = hash('sha1', line, 'buffer') as unknown as Buffer
    const lanes = this.lanes
    lanes[0] += digest.readUInt32LE(0)
    lanes[1] += digest.readUInt32LE(4)
    lanes[2] += digest.readUInt32LE(8)
    lanes[3] += digest.readUInt32LE(12)
    lanes[4] += digest.readUInt32LE(16)
    this.rows++
  }

  /** The sum as 40 hex digits. */
  digest(): string {
    return [...this.lanes].map((lane) => lane.toString(16).padStart(8, '0')).join('')
  }
}
