import {deleteBlockTypes} from '../helpers/block-schema.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'e905fd199258',
  downRevision: '4cdc2ba709a4',
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
