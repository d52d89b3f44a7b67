import {deleteBlockTypes, REMOVED_BLOCK_TYPES, RENAMED_BLOCK_TYPES, renameBlockTypes} from '../helpers/block-schema.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '628a873f0d1a',
  downRevision: '56be24fdb383',
  message: 'Renames existing block types and deletes removed block types',
  transaction: true,
  async up(context) {
    await renameBlockTypes(context, RENAMED_BLOCK_TYPES)
    await deleteBlockTypes(context, REMOVED_BLOCK_TYPES)
  },
  async down() {
    // A data migration only; Prefect's downgrade does nothing either.
  },
}

export default revision
