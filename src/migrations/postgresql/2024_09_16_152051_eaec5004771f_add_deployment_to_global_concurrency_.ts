import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'eaec5004771f',
  downRevision: '555ed31b284d',
  message: 'Add deployment to global concurrency limit FK',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'ALTER TABLE deployment ADD COLUMN concurrency_limit_id UUID',
      `ALTER TABLE deployment ADD CONSTRAINT fk_deployment__concurrency_limit_id__concurrency_limit_v2
        FOREIGN KEY (concurrency_limit_id) REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL`,
      // A deployment's limit so far was the global limit named 'deployment:<deployment id>'.
      `UPDATE deployment SET concurrency_limit_id = limits.id
        FROM concurrency_limit_v2 AS limits
        WHERE limits.name = 'deployment:' || deployment.id::text`,
    )
  },
  async down(context) {
    await sql(
      context,
      'ALTER TABLE deployment DROP CONSTRAINT fk_deployment__concurrency_limit_id__concurrency_limit_v2',
      'ALTER TABLE deployment DROP COLUMN concurrency_limit_id',
    )
  },
}

export default revision
