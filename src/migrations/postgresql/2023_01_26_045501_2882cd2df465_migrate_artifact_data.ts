import {migrateArtifactData, undoArtifactData} from '../helpers/artifact-data.js'
import type {Revision} from '../types.js'

// Outside a transaction, as Prefect runs it: batches commit one by one, and every step only
// touches rows not yet done, so the revision can be run again after an interruption.
const revision: Revision = {
  revision: '2882cd2df465',
  downRevision: '2882cd2df464',
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
