import {migrateArtifactData, undoArtifactData} from '../helpers/artifact-data.js'
import type {Revision} from '../types.js'

// Outside a transaction, as Prefect runs it: batches commit one by one, and every step only
// touches rows not yet done, so the revision can be run again after an interruption.
const revision: Revision = {
  revision: 'f92143d30c26',
  downRevision: 'f92143d30c25',
  message: 'Migrates state data to the artifact table',
  transaction: false,
  async up(context) {
    await migrateArtifactData(context)
  },
  async down(context) {
    await undoArtifactData(context)
  },
}

export default revision
