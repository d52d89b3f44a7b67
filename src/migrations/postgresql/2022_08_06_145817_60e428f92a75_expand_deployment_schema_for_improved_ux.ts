import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '60e428f92a75',
  downRevision: '7737221bf8a4',
  message: 'Expand deployment schema for improved ux',
  transaction: true,
  async up(context) {
    await sql(
      context,
      "ALTER TABLE deployment ADD COLUMN infra_overrides JSONB NOT NULL DEFAULT '{}'::jsonb",
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
