import {deleteBlockTypes} from '../helpers/block-schema.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '061c7e518b40',
  downRevision: 'e2dae764a603',
  message: 'Removes DebugPrintNotification block type',
  transaction: true,
  async up(context) {
    await deleteBlockTypes(context, ['Debug Print Notification'])
  },
  async down() {
    // A data migration only; Prefect's downgrade does nothing either.
  },
}

export default revision
