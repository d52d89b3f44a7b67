import type {TestDialect} from '../harness/databases.js'
import {chainOf} from './run-revision.js'

/** The revision ids of a dialect's chain, base first. */
export function chainIds(dialect: TestDialect): string[] {
  return chainOf(dialect).map((entry) => entry.revision)
}

/** The revisions applied when alembic_version holds `version` (none for no row): the chain up to it. */
export function appliedUpTo(dialect: TestDialect, version: string | undefined): string[] {
  if (!version) return []
  const ids = chainIds(dialect)
  const position = ids.indexOf(version)
  if (position < 0) throw new Error(`alembic_version holds ${version}, not a ${dialect} revision`)
  return ids.slice(0, position + 1)
}
