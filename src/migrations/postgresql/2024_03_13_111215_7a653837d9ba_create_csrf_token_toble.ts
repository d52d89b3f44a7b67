import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '7a653837d9ba',
  downRevision: '121699507574',
  message: 'Create csrf_token toble',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE csrf_token (
        token VARCHAR NOT NULL,
        client VARCHAR NOT NULL,
        expiration TIMESTAMP WITH TIME ZONE NOT NULL,
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT pk_csrf_token PRIMARY KEY (id),
        CONSTRAINT uq_csrf_token__client UNIQUE (client)
      )`,
      'CREATE INDEX ix_csrf_token__updated ON csrf_token (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_csrf_token__updated', 'DROP TABLE csrf_token')
  },
}

export default revision
