import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '3c841a1800a1',
  downRevision: '7655f31c5157',
  message: 'add scope+leader idx to AutomationEventFollower',
  transaction: true,
  async up(context) {
    await sql(context, 'CREATE INDEX ix_ae_follower_scope_leader ON automation_event_follower (scope, leader_event_id)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_ae_follower_scope_leader')
  },
}

export default revision
