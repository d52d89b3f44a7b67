import {MigrationError, RevisionError} from '../errors.js'
import type {Revision} from '../migrations/types.js'

/**
 * The revision chain in order, base first. Position -1 means "base" (nothing applied).
 */
export class Chain {
  readonly revisions: readonly Revision[]
  private readonly index = new Map<string, number>()

  constructor(revisions: readonly Revision[]) {
    this.revisions = revisions
    revisions.forEach((revision, i) => {
      const expected = i === 0 ? null : revisions[i - 1].revision
      if (revision.downRevision !== expected || this.index.has(revision.revision)) {
        throw new MigrationError(`The revision chain is broken at ${revision.revision}: it follows ${revision.downRevision ?? 'base'}, expected ${expected ?? 'base'}.`, 'This is a bug in the migrations list.')
      }

      this.index.set(revision.revision, i)
    })
  }

  get head(): Revision | undefined {
    return this.revisions.at(-1)
  }

  get headIndex(): number {
    return this.revisions.length - 1
  }

  /** The position of an exact revision id, or undefined. */
  positionOf(id: string): number | undefined {
    return this.index.get(id)
  }

  /** `base` and `null` are -1. */
  idAt(position: number): string | null {
    return position < 0 ? null : this.revisions[position].revision
  }

  /**
   * A full revision id or a unique prefix of at least 4 characters, also `head` and `base`.
   * Unknown or ambiguous → RevisionError listing the candidates.
   */
  resolve(argument: string): number {
    const text = argument.trim().toLowerCase()
    if (text === 'head' || text === 'heads') return this.headIndex
    if (text === 'base') return -1
    const exact = this.index.get(text)
    if (exact !== undefined) return exact
    if (text.length < 4) {
      throw new RevisionError(`'${argument}' is not a revision: give a full revision id or at least its first 4 characters.`, "See 'prefect server database history'.")
    }

    const matches = this.revisions.filter((revision) => revision.revision.startsWith(text))
    if (matches.length === 1) return this.index.get(matches[0].revision)!
    if (matches.length === 0) {
      throw new RevisionError(`No revision matches '${argument}'.`, "See 'prefect server database history' for the known revisions.")
    }

    throw new RevisionError(`'${argument}' is ambiguous: it matches ${matches.map((m) => m.revision).join(', ')}.`, 'Give more characters.')
  }
}
