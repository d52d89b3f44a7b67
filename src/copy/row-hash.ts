/**
 * An order-independent content hash of a table: each row's canonical cells are hashed (SHA-1 of
 * the cells joined by a separator) and the digests are added up lane by lane (five 32-bit lanes, modulo 2^32).
 * Addition does not care about order, and counts each row as often as it occurs, so equal sums
 * and equal counts mean the same multiset of rows, short of a 2^-160 accident.
 */
import {hash} from 'node:crypto'

export class RowHash {
  private readonly lanes = new Uint32Array(5)
  rows = 0

  add(cells: ReadonlyArray<string | null>): void {
    // Cells joined with a NUL-led separator, NULL as NUL + 'N': cheaper than JSON.stringify, and
    // unambiguous for any value without a NUL (PostgreSQL's text cannot hold one).
    let text = ''
    for (const cell of cells) text += `${cell === null ? '\u0000N' : cell}\u0000|`
    const digest = hash('sha1', text, 'buffer') as Buffer
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
