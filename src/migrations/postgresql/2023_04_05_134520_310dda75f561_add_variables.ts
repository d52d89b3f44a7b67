import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '310dda75f561',
  downRevision: '43c94d4c7aa3',
  message: 'add_variables',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE variable (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        name VARCHAR NOT NULL,
        value VARCHAR NOT NULL,
        tags JSONB NOT NULL DEFAULT '[]',
        CONSTRAINT pk_variable PRIMARY KEY (id),
        CONSTRAINT uq_variable__name UNIQUE (name)
      )`,
      'CREATE INDEX ix_variable__updated ON variable (updated)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_variable__updated', 'DROP TABLE variable')
  },
}

export default revision
