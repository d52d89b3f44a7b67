import {MigrationError} from '../../errors.js'
import type {Revision} from '../types.js'

/** A placeholder for a revision whose port is not written yet: it refuses to run (and the chain test fails on it). */
export function notPorted(revision: string, downRevision: string | null, message: string): Revision {
  const refuse = async (): Promise<void> => {
    throw new MigrationError(`Revision ${revision} (${message}) is not ported yet.`)
  }

  return Object.assign({revision, downRevision, message, transaction: true, up: refuse, down: refuse}, {notPorted: true})
}
