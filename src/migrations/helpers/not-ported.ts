import {MigrationError} from '../../errors.js'
import type {Revision} from '../types.js'

/** A placeholder for a revision whose port is not written yet: it refuses to run. */
export function notPorted(revision: string, downRevision: string | null, message: string): Revision {
  const refuse = async (): Promise<void> => {
    throw new MigrationError(`Revision ${revision} (${message}) is not ported yet.`)
  }

  return {revision, downRevision, message, transaction: true, up: refuse, down: refuse}
}
