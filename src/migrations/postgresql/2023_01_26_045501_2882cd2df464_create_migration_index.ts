import {addHasData, dropHasData} from '../helpers/artifact-data.js'
import type {Revision} from '../types.js'

// Outside a transaction, as Prefect runs it: the backfill commits batch by batch, and every step
// can be run again after an interruption (see artifact-data.ts).
const revision: Revision = {
  revision: '2882cd2df464',
  downRevision: '2882cd2df463',
  message: 'Adds a helper index for the artifact data migration',
  transaction: false,
  async up(context) {
    await addHasData(context)
  },
  async down(context) {
    await dropHasData(context)
  },
}

export default revision
