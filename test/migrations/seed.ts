import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {json} from './rows.js'

export const id = (): string => crypto.randomUUID()

/** Blocks, a flow with a run, a task run, a state and a log: possible from revision cd6ae0d4ed9d on. */
export async function seedRuns(knex: Knex): Promise<Record<string, string>> {
  const ids = {blockType: id(), blockSchema: id(), document: id(), referenced: id(), flow: id(), flowRun: id(), taskRun: id(), state: id(), log: id()}
  await knex('block_type').insert({id: ids.blockType, name: 'S3 Bucket', slug: 's3-bucket', description: "it's a bucket"})
  await knex('block_schema').insert({id: ids.blockSchema, checksum: 'sha256:abc', fields: json({title: 'S3'}), capabilities: json(['read-path']), block_type_id: ids.blockType})
  for (const [documentId, name] of [[ids.document, 'main'], [ids.referenced, 'creds']]) {
    await knex('block_document').insert({id: documentId, name, data: json({bucket: name}), block_type_id: ids.blockType, block_schema_id: ids.blockSchema})
  }

  await knex('block_document_reference').insert({id: id(), name: 'credentials', parent_block_document_id: ids.document, reference_block_document_id: ids.referenced})
  await knex('flow').insert({id: ids.flow, name: 'etl', tags: json(['nightly'])})
  await knex('flow_run').insert({
    id: ids.flowRun, name: 'brave-otter', flow_id: ids.flow, state_type: 'COMPLETED', state_name: 'Completed',
    parameters: json({date: '2024-03-01'}), tags: json(['a', 'b']), infrastructure_document_id: ids.document,
  })
  await knex('task_run').insert({id: ids.taskRun, name: 'extract-0', flow_run_id: ids.flowRun, task_key: 'extract', dynamic_key: '0', state_type: 'COMPLETED'})
  await knex('flow_run_state').insert({id: ids.state, flow_run_id: ids.flowRun, type: 'COMPLETED', name: 'Completed', message: 'All done', data: json({result: 42})})
  await knex('flow_run').update({state_id: ids.state}).where({id: ids.flowRun})
  await knex('log').insert({id: ids.log, name: 'prefect.flow_runs', level: 20, flow_run_id: ids.flowRun, message: 'Finished in state Completed()', timestamp: new Date('2024-03-01T12:00:00Z')})
  return ids
}

/** Three deployments of one flow, two of them with a schedule: before revision 0e8bc7aff8ea. */
export async function seedDeployments(knex: Knex, flowId: string): Promise<{paused: string; unscheduled: string; cron: string}> {
  const ids = {paused: id(), unscheduled: id(), cron: id()}
  // One insert each: a multi-row insert would send NULL for the keys a row leaves out.
  await knex('deployment').insert({id: ids.paused, name: 'hourly', flow_id: flowId, schedule: json({interval: 3600}), is_schedule_active: false})
  await knex('deployment').insert({id: ids.unscheduled, name: 'manual', flow_id: flowId})
  await knex('deployment').insert({id: ids.cron, name: 'nightly', flow_id: flowId, schedule: json({cron: '0 2 * * *', timezone: 'UTC'}), is_schedule_active: true})
  return ids
}
