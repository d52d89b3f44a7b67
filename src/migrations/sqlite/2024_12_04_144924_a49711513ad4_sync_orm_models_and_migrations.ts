import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Brings the SQLite schema in line with the ORM: the artifact key index moves to the table it was
 * meant for, an index gets PostgreSQL's name, columns the ORM no longer has are dropped, and the
 * flow_run scheduler index (gone since 4f90ad6349bd) comes back under PostgreSQL's cut name.
 */
const revision: Revision = {
  revision: 'a49711513ad4',
  downRevision: '5952a5498b51',
  message: 'Sync ORM models and migrations',
  transaction: true,
  async up(context) {
    await sql(
      context,
      'CREATE INDEX ix_artifact_collection__updated ON artifact_collection (updated)',
      'DROP INDEX ix_artifact__key_created_desc',
      'CREATE INDEX ix_artifact__key_created_desc ON artifact (key, created DESC)',
      'DROP INDEX ix_block_document__block_type_name_name',
      'CREATE INDEX ix_block_document__block_type_name__name ON block_document (block_type_name, name)',
      'ALTER TABLE deployment DROP COLUMN schedule',
      'ALTER TABLE deployment DROP COLUMN is_schedule_active',
      'ALTER TABLE deployment DROP COLUMN flow_data',
      'ALTER TABLE deployment DROP COLUMN manifest_path',
      'ALTER TABLE deployment_schedule DROP COLUMN catchup',
      'ALTER TABLE deployment_schedule DROP COLUMN max_active_runs',
      'DROP INDEX ix_flow_run__deployment_id',
      `CREATE INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu
        ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) WHERE state_type = 'SCHEDULED'`,
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu',
      'CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id)',
      'ALTER TABLE deployment_schedule ADD COLUMN max_active_runs INTEGER',
      "ALTER TABLE deployment_schedule ADD COLUMN catchup BOOLEAN NOT NULL DEFAULT '0'",
      "ALTER TABLE deployment ADD COLUMN is_schedule_active BOOLEAN NOT NULL DEFAULT '1'",
      'ALTER TABLE deployment ADD COLUMN flow_data JSON',
      'ALTER TABLE deployment ADD COLUMN schedule JSON',
      'ALTER TABLE deployment ADD COLUMN manifest_path VARCHAR',
      'DROP INDEX ix_block_document__block_type_name__name',
      'CREATE INDEX ix_block_document__block_type_name_name ON block_document (block_type_name, name)',
      'DROP INDEX ix_artifact__key_created_desc',
      // With DESC, as before the upgrade (Prefect's downgrade re-creates it without).
      'CREATE INDEX ix_artifact__key_created_desc ON artifact_collection (key, created DESC)',
      'DROP INDEX ix_artifact_collection__updated',
    )
  },
}

export default revision
