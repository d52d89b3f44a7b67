import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '8cf4d4933848',
  downRevision: '6b63c51c31b4',
  message: 'Create `deployment_schedule` and add `Deployment.paused`',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE deployment_schedule (
        id UUID NOT NULL DEFAULT gen_random_uuid(),
        created TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
        schedule JSONB NOT NULL,
        active BOOLEAN NOT NULL,
        deployment_id UUID NOT NULL,
        CONSTRAINT pk_deployment_schedule PRIMARY KEY (id),
        CONSTRAINT fk_deployment_schedule__deployment_id__deployment FOREIGN KEY (deployment_id)
          REFERENCES deployment (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX ix_deployment_schedule__deployment_id ON deployment_schedule (deployment_id)',
      'CREATE INDEX ix_deployment_schedule__updated ON deployment_schedule (updated)',
      'ALTER TABLE deployment ADD COLUMN paused BOOLEAN NOT NULL DEFAULT false',
      'CREATE INDEX ix_deployment__paused ON deployment (paused)',
      // Every deployment with a real schedule gets one schedule row, active as the deployment's
      // schedule was; a JSON null counts as no schedule.
      `INSERT INTO deployment_schedule (deployment_id, schedule, active)
        SELECT id, schedule, is_schedule_active FROM deployment
        WHERE schedule IS NOT NULL AND schedule <> 'null'::jsonb`,
      // A deployment whose schedule was switched off becomes paused.
      'UPDATE deployment SET paused = NOT is_schedule_active WHERE paused = is_schedule_active',
    )
  },
  async down(context) {
    // As Prefect: the schedule rows and the paused flag are dropped, nothing is written back.
    await sql(
      context,
      'DROP INDEX ix_deployment__paused',
      'ALTER TABLE deployment DROP COLUMN paused',
      'DROP INDEX ix_deployment_schedule__updated',
      'DROP INDEX ix_deployment_schedule__deployment_id',
      'DROP TABLE deployment_schedule',
    )
  },
}

export default revision
