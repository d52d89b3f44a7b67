import assert from 'node:assert/strict'

import {freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// On SQLite the renamed tables are new tables that the rows are copied into, both ways.
describe('data migration d76326ed0d06 (sqlite): flow run alert tables become notification tables', () => {
  it('carries every row and column value over, and back on down', async () => {
    const {file} = freshSqliteFile()
    const n = positionOf('sqlite', 'd76326ed0d06')
    await buildReferenceDatabase('sqlite', file, n - 1)
    const seeder = openKnex('sqlite', file)
    const policy = {
      id: '11111111-1111-4111-8111-111111111111',
      created: '2022-05-01 10:00:00.000000',
      updated: '2022-05-02 10:00:00.000000',
      name: 'p',
      is_active: 0,
      state_names: '["Failed"]',
      tags: '["t"]',
      message_template: 'm',
      block_document_id: '33333333-3333-4333-8333-333333333333',
    }
    const queued = {
      id: '22222222-2222-4222-8222-222222222222',
      created: '2022-05-03 10:00:00.000000',
      updated: '2022-05-04 10:00:00.000000',
      flow_run_alert_policy_id: policy.id,
      flow_run_state_id: '44444444-4444-4444-8444-444444444444',
    }
    try {
      await seeder('block_type').insert({id: '55555555-5555-4555-8555-555555555555', name: 't'})
      await seeder('block_schema').insert({id: '66666666-6666-4666-8666-666666666666', checksum: 'c', block_type_id: '55555555-5555-4555-8555-555555555555'})
      await seeder('block_document').insert({
        id: policy.block_document_id,
        name: 'd',
        block_schema_id: '66666666-6666-4666-8666-666666666666',
        block_type_id: '55555555-5555-4555-8555-555555555555',
      })
      await seeder('flow_run_alert_policy').insert(policy)
      await seeder('flow_run_alert_queue').insert(queued)
    } finally {
      await seeder.destroy()
    }

    const knex = openKnex('sqlite', file)
    try {
      await runPosition(knex, 'sqlite', n, 'up')
      assert.deepEqual(await knex('flow_run_notification_policy').select(), [policy])
      const {flow_run_alert_policy_id: policyId, ...rest} = queued
      assert.deepEqual(await knex('flow_run_notification_queue').select(), [{...rest, flow_run_notification_policy_id: policyId}])
      await runPosition(knex, 'sqlite', n, 'down')
      assert.deepEqual(await knex('flow_run_alert_policy').select(), [policy])
      assert.deepEqual(await knex('flow_run_alert_queue').select(), [queued])
    } finally {
      await knex.destroy()
    }
  })
})
