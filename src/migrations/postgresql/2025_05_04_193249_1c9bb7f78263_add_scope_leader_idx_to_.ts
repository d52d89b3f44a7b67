import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '1c9bb7f78263',
  downRevision: '4160a4841eed',
  message: 'add scope+leader idx to AutomationEventFollower',
  transaction: true,
  async up(context) {
    await sql(context, `CREATE INDEX ix_ae_follower_scope_leader ON automation_event_follower (scope, leader_event_id)`)
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_ae_follower_scope_leader')
  },
}

export default revision
