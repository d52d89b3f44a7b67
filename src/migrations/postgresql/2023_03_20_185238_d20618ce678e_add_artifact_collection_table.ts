import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'd20618ce678e',
  downRevision: 'aa84ac237ce8',
  message: 'Add artifact_collection table',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE artifact_collection (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        key VARCHAR NOT NULL,
        latest_id UUID,
        CONSTRAINT pk_artifact_collection PRIMARY KEY (id),
        CONSTRAINT uq_artifact_collection__key UNIQUE (key)
      )`,
      'CREATE INDEX ix_artifact_collection__key_latest_id ON artifact_collection (key, latest_id)',
    )
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_artifact_collection__key_latest_id', 'DROP TABLE artifact_collection')
  },
}

export default revision
