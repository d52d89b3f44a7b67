import {moveSchemasToSecretFields} from '../helpers/block-schema.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'e2dae764a603',
  downRevision: '3bd87ecdac38',
  message: 'Migrates block schemas with new secrets fields',
  transaction: true,
  async up(context) {
    await moveSchemasToSecretFields(context)
  },
  async down() {
    // A data migration only; Prefect's downgrade does nothing either.
  },
}

export default revision
