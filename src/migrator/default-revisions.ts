import type {Dialect} from '../db/target.js'
import type {LazyRevision} from '../migrations/types.js'

/** Prefect's revision chain of the dialect (src/migrations/<dialect>/index.ts), base first. */
export async function defaultRevisions(dialect: Dialect): Promise<readonly LazyRevision[]> {
  if (dialect === 'sqlite') return (await import('../migrations/sqlite/index.js')).sqliteChain
  return (await import('../migrations/postgresql/index.js')).postgresqlChain
}
