import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '296e2665785f',
  downRevision: '53c19b31aa09',
  message: 'Expand deployment schema for improved ux',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "ALTER TABLE deployment ADD COLUMN infra_overrides JSON NOT NULL DEFAULT '{}'",
      'ALTER TABLE deployment ADD COLUMN path VARCHAR',
      'ALTER TABLE deployment ADD COLUMN entrypoint VARCHAR',
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE deployment DROP COLUMN entrypoint',
      'ALTER TABLE deployment DROP COLUMN path',
      'ALTER TABLE deployment DROP COLUMN infra_overrides',
    )
  },
}

export default revision
