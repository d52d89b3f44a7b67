import {addStateTypeLabel, removeStateTypeLabel, STATE_TYPE_LABELS_049} from '../helpers/state-type.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '9326a6aee18b',
  downRevision: 'd481d5058a19',
  message: 'Add CANCELLING to state type enum',
  transaction: true,
  async up(context) {
    await addStateTypeLabel(context, 'CANCELLING')
  },
  async down(context) {
    // Prefect's downgrade keeps the label; ours removes it (refusing while a row is CANCELLING).
    await removeStateTypeLabel(context, 'CANCELLING', [...STATE_TYPE_LABELS_049, 'PAUSED'])
  },
}

export default revision
