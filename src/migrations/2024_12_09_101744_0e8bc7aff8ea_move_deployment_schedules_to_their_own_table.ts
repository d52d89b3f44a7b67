import {createTable, jsonDefault} from './helpers/columns.js'
import type {Revision} from './types.js'

/**
 * A deployment may now have several schedules. Each deployment's `schedule` (with its
 * `is_schedule_active` flag) becomes one row of deployment_schedule, keeping the deployment's
 * created/updated times, and the two columns are dropped.
 *
 * Down puts the oldest schedule of each deployment back into `deployment.schedule`: the old model
 * holds one schedule, so a deployment given more schedules since the upgrade keeps only its first.
 */
const revision: Revision = {
  revision: '0e8bc7aff8ea',
  downRevision: '8b0a242ddb67',
  message: 'Move deployment schedules into their own table',
  transaction: true,
  async up(context) {
    const {knex, dialect} = context
    await createTable(context, 'deployment_schedule', (t) => {
      t.uuid('deployment_id').notNullable()
      t.jsonb('schedule').notNullable()
      t.boolean('active').notNullable().defaultTo(knex.raw('true'))
      t.integer('max_scheduled_runs')
      t.jsonb('parameters').notNullable().defaultTo(jsonDefault(context, '{}'))
      t.string('slug')
      t.foreign('deployment_id', 'fk_deployment_schedule__deployment_id__deployment').references('id').inTable('deployment').onDelete('CASCADE')
      t.index(['deployment_id'], 'ix_deployment_schedule__deployment_id')
      t.index(['slug'], 'ix_deployment_schedule__slug')
    })
    await knex.raw('CREATE UNIQUE INDEX uq_deployment_schedule__deployment_id__slug ON deployment_schedule (deployment_id, slug)')
    // A JSON null is no schedule either.
    const hasSchedule = dialect === 'postgresql' ? "jsonb_typeof(schedule) <> 'null'" : "json_type(schedule) <> 'null'"
    await knex.raw(`
      INSERT INTO deployment_schedule (deployment_id, schedule, active, created, updated)
      SELECT id, schedule, is_schedule_active, created, updated
      FROM deployment
      WHERE schedule IS NOT NULL AND ${hasSchedule}`)
    // Plain columns (not indexed, in no constraint): SQLite >= 3.35 drops them in place.
    await knex.raw('ALTER TABLE deployment DROP COLUMN schedule')
    await knex.raw('ALTER TABLE deployment DROP COLUMN is_schedule_active')
  },
  async down({knex}) {
    await knex.schema.alterTable('deployment', (t) => {
      t.jsonb('schedule')
      t.boolean('is_schedule_active').notNullable().defaultTo(knex.raw('true'))
    })
    const first = `FROM deployment_schedule s WHERE s.deployment_id = deployment.id ORDER BY s.created, s.id LIMIT 1`
    await knex.raw(`
      UPDATE deployment
      SET schedule = (SELECT s.schedule ${first}),
          is_schedule_active = coalesce((SELECT s.active ${first}), true)`)
    await knex.schema.dropTable('deployment_schedule')
  },
}

export default revision
