import {revisions} from '../migrations/index.js'
import type {Revision} from '../migrations/types.js'

/** This package's own revision chain (src/migrations/index.ts), base first. */
export async function defaultRevisions(): Promise<readonly Revision[]> {
  return revisions
}
