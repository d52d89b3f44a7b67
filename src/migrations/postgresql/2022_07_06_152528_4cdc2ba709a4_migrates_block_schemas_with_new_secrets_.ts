import {moveSchemasToSecretFields} from '../helpers/block-schema.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '4cdc2ba709a4',
  downRevision: '813ddf14e2de',
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
