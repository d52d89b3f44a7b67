import type {Dialect} from '../db/target.js'
import {MigrationError, RevisionError} from '../errors.js'
import {PAIRS, RELEASES} from '../migrations/prefect-data.js'
import type {LazyRevision, Revision, RevisionInfo} from '../migrations/types.js'

/** A chain entry: a loaded revision (API and test chains) or one whose module loads on demand. */
export type ChainEntry = Revision | LazyRevision

export interface ResolvedArgument {
  /** Position in the chain; -1 is base. */
  position: number
  /** Said to the user when the argument meant something else (the other dialect's id). */
  note?: string
}

const DIALECT_NAMES: Record<Dialect, string> = {sqlite: 'SQLite', postgresql: 'PostgreSQL'}

/**
 * The revision chain of one dialect, in order, base first. Position -1 means "base" (nothing
 * applied). Listing it loads no revision module; `load` does, for the revisions a run executes.
 */
export class Chain {
  readonly revisions: readonly ChainEntry[]
  /** Prefect's chains know their releases and their pairs in the other dialect; API chains do not. */
  readonly dialect: Dialect | undefined
  private readonly index = new Map<string, number>()

  constructor(revisions: readonly ChainEntry[], dialect?: Dialect) {
    this.revisions = revisions
    this.dialect = dialect
    revisions.forEach((revision, i) => {
      const expected = i === 0 ? null : revisions[i - 1].revision
      if (revision.downRevision !== expected || this.index.has(revision.revision)) {
        throw new MigrationError(`The revision chain is broken at ${revision.revision}: it follows ${revision.downRevision ?? 'base'}, expected ${expected ?? 'base'}.`, 'This is a bug in the migrations list.')
      }

      this.index.set(revision.revision, i)
    })
  }

  get head(): RevisionInfo | undefined {
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

  /** See resolveArgument; only the position. */
  resolve(argument: string): number {
    return this.resolveArgument(argument).position
  }

  /**
   * A revision argument: `head`, `base`, a full revision id or a unique prefix of at least 4
   * characters, a Prefect release (`3.4.22`: that release's head on this dialect), or the other
   * dialect's id for the same change (with a note naming ours). Unknown or ambiguous →
   * RevisionError saying why.
   */
  resolveArgument(argument: string): ResolvedArgument {
    const text = argument.trim().toLowerCase()
    if (text === 'head' || text === 'heads') return {position: this.headIndex}
    if (text === 'base') return {position: -1}
    const exact = this.index.get(text)
    if (exact !== undefined) return {position: exact}
    if (this.dialect && /^\d+\.\d+\.\d+\S*$/.test(text)) return {position: this.releasePosition(argument.trim())}
    if (text.length < 4) {
      throw new RevisionError(`'${argument}' is not a revision: give a full revision id or at least its first 4 characters, head, base, or a Prefect release such as 3.4.22.`, "See 'prefect server database history'.")
    }

    const matches = this.revisions.filter((revision) => revision.revision.startsWith(text))
    if (matches.length === 1) return {position: this.index.get(matches[0].revision)!}
    if (matches.length > 1) {
      throw new RevisionError(`'${argument}' is ambiguous: it matches ${matches.map((m) => m.revision).join(', ')}.`, 'Give more characters.')
    }

    const paired = this.dialect ? this.fromOtherDialect(argument, text) : undefined
    if (paired) return paired
    throw new RevisionError(`No revision matches '${argument}'.`, "See 'prefect server database history' for the known revisions.")
  }

  /** The head revision of a Prefect release on this chain's dialect. */
  private releasePosition(release: string): number {
    const row = RELEASES.find(([name]) => name === release)
    if (!row) {
      const [major, minor] = release.split('.')
      const near = RELEASES.filter(([name]) => name.startsWith(`${major}.${minor}.`)).map(([name]) => name)
      const hint =
        near.length > 0
          ? `Known ${major}.${minor} releases: ${near.length === 1 ? near[0] : `${near.at(0)} to ${near.at(-1)}`}.`
          : `Known releases: ${RELEASES[0][0]} to ${RELEASES.at(-1)![0]}.`
      throw new RevisionError(`'${release}' is not a Prefect release this tool knows.`, hint)
    }

    const revision = this.dialect === 'sqlite' ? row[1] : row[2]
    const position = this.index.get(revision)
    if (position === undefined) throw new RevisionError(`Prefect ${release}'s head ${revision} is not in this chain.`)
    return position
  }

  /** An id (or unique prefix) of the other dialect's chain, mapped through Prefect's pairs. */
  private fromOtherDialect(argument: string, text: string): ResolvedArgument | undefined {
    const ours = this.dialect === 'sqlite' ? 0 : 1
    const theirs = 1 - ours
    const matches = PAIRS.filter((pair) => pair[theirs]?.startsWith(text))
    if (matches.length === 0) return undefined
    if (matches.length > 1) {
      throw new RevisionError(`'${argument}' is ambiguous: it matches ${matches.map((m) => m[theirs]).join(', ')}.`, 'Give more characters.')
    }

    const [pair] = matches
    const other = DIALECT_NAMES[this.dialect === 'sqlite' ? 'postgresql' : 'sqlite']
    const here = DIALECT_NAMES[this.dialect!]
    const equivalent = pair[ours]
    if (!equivalent) {
      throw new RevisionError(`Revision ${pair[theirs]} belongs to Prefect's ${other} chain and has no ${here} counterpart.`, "See 'prefect server database history' for this database's revisions.")
    }

    const position = this.index.get(equivalent)!
    const info = this.revisions[position]
    return {position, note: `${pair[theirs]} is the ${other} revision of this change; on ${here} it is ${equivalent} (${info.message}).`}
  }

  /**
   * The Prefect releases around a position: "head of Prefect 3.4.22" (or "3.4.20 to 3.4.22"),
   * "between Prefect 3.4.22 and 3.5.0", or "newer than Prefect 3.8.3". Undefined for API chains.
   */
  releaseLabel(position: number): string | undefined {
    if (!this.dialect || position < 0) return undefined
    const column = this.dialect === 'sqlite' ? 1 : 2
    const positions = RELEASES.map((row) => ({release: row[0], position: this.index.get(row[column]) ?? -2}))
    const at = positions.filter((row) => row.position === position).map((row) => row.release)
    if (at.length === 1) return `head of Prefect ${at[0]}`
    if (at.length > 1) return `head of Prefect ${at[0]} to ${at.at(-1)}`
    const before = positions.filter((row) => row.position >= 0 && row.position < position).at(-1)
    const after = positions.find((row) => row.position > position)
    if (before && after) return `between Prefect ${before.release} and ${after.release}`
    if (before) return `newer than Prefect ${before.release}, in no release yet`
    return after ? `older than Prefect ${after.release}` : undefined
  }
}

/**
 * Prefect's revision chain of the dialect (src/migrations/<dialect>/index.ts), base first. Loaded
 * lazily, so that what imports the chain module (and every config or profile command) loads no
 * migration until a run needs one.
 */
export async function defaultRevisions(dialect: Dialect): Promise<readonly LazyRevision[]> {
  if (dialect === 'sqlite') return (await import('../migrations/sqlite/index.js')).sqliteChain
  return (await import('../migrations/postgresql/index.js')).postgresqlChain
}
