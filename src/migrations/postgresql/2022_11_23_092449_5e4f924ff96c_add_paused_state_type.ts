import {addStateTypeLabel, removeStateTypeLabel, STATE_TYPE_LABELS_049} from '../helpers/state-type.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '5e4f924ff96c',
  downRevision: '5d526270ddb4',
  message: 'Add PAUSED to state type enum',
  transaction: true,
  async up(context) {
    await addStateTypeLabel(context, 'PAUSED')
  },
  async down(context) {
    // Prefect's downgrade keeps the label; ours removes it (refusing while a row is PAUSED).
    await removeStateTypeLabel(context, 'PAUSED', STATE_TYPE_LABELS_049)
  },
}

export default revision
