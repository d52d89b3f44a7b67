import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

// The index sits on artifact_collection despite its name, as in Prefect's SQLite chain (moved to
// artifact later, at a49711513ad4).
const revision: Revision = {
  revision: '422f8ba9541d',
  downRevision: 'b9aafc3ab936',
  message: 'Add index for querying artifacts',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX IF NOT EXISTS ix_artifact__key_created_desc ON artifact_collection (key, created DESC)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX IF EXISTS ix_artifact__key_created_desc')
  },
}

export default revision
