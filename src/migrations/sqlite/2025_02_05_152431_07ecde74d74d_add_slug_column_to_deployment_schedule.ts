import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '07ecde74d74d',
  downRevision: '67f886da208e',
  message: 'Add slug column to deployment_schedule',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment_schedule ADD COLUMN slug VARCHAR',
      'CREATE INDEX IF NOT EXISTS ix_deployment_schedule__slug ON deployment_schedule (slug)',
      `CREATE UNIQUE INDEX IF NOT EXISTS ix_deployment_schedule__deployment_id__slug
        ON deployment_schedule (deployment_id, slug) WHERE slug IS NOT NULL`,
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_deployment_schedule__deployment_id__slug',
      'DROP INDEX ix_deployment_schedule__slug',
      'ALTER TABLE deployment_schedule DROP COLUMN slug',
    )
  },
}

export default revision
