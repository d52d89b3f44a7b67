import assert from 'node:assert/strict'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'
const REVISION: Record<Dialect, string> = {sqlite: '7655f31c5157', postgresql: '4160a4841eed'}

const BLOCK_TYPE = '0b6a1b2c-1111-4aaa-8bbb-000000000001'
const BLOCK_SCHEMA = '0b6a1b2c-2222-4aaa-8bbb-000000000002'
const BLOCK_DOCUMENT = '0b6a1b2c-3333-4aaa-8bbb-000000000003'
const POLICY_A = '0b6a1b2c-4444-4aaa-8bbb-00000000000a'
const POLICY_B = '0b6a1b2c-4444-4aaa-8bbb-00000000000b'

const TEMPLATE =
  'Flow {flow_name} ({flow_id}) is {flow_run_state_name}! {{not a placeholder}} id={flow_run_id!r} ' +
  '[{flow_run_name:>25}] [{flow_run_state_type:*^30.10}] [{flow_name:05}] ünïcode 🚀\t"q"\\'

// What Prefect's upgrade (Python's str.format and json.dumps) writes for these policies, computed
// with Python; only the trigger id (random) is filled in from the row.
const ACTIONS_A =
  '[{"body": "Flow {{ flow.name }} ({{ flow.id }}) is {{ flow_run.state.name }}! {not a placeholder} id=\'{{ flow_run.id }}\' ' +
  '[      {{ flow_run.name }}] [**********{{ flow_ru**********] [{{ flow.name }}] \\u00fcn\\u00efcode \\ud83d\\ude80\\t\\"q\\"\\\\", ' +
  `"type": "send-notification", "subject": "Prefect flow run notification", "block_document_id": "${BLOCK_DOCUMENT}"}]`
const TRIGGER_A = (id: string) =>
  `{"id": "${id}", "type": "event", "after": [], "match": {"prefect.resource.id": "prefect.flow-run.*"}, ` +
  '"expect": ["prefect.flow-run.Failed", "prefect.flow-run.Crashed"], "within": 10, "posture": "Reactive", ' +
  '"for_each": ["prefect.resource.id"], "threshold": 1, ' +
  '"match_related": {"prefect.resource.id": ["prefect.tag.prod", "prefect.tag.\\u00e9t\\u00e9"], "prefect.resource.role": "tag"}}'
const ACTIONS_B =
  '[{"body": "\\nFlow run {{ flow.name }}/{{ flow_run.name }} observed in state `{{ flow_run.state.name }}` at {{ flow_run.state.timestamp }}.' +
  '\\nFlow ID: {{ flow_run.flow_id }}\\nFlow run ID: {{ flow_run.id }}\\nFlow run URL: {{ flow_run|ui_url }}' +
  '\\nState message: {{ flow_run.state.message }}\\n", ' +
  `"type": "send-notification", "subject": "Prefect flow run notification", "block_document_id": "${BLOCK_DOCUMENT}"}]`
const TRIGGER_B = (id: string) =>
  `{"id": "${id}", "type": "event", "after": [], "match": {"prefect.resource.id": "prefect.flow-run.*"}, ` +
  '"expect": ["prefect.flow-run.*"], "within": 10, "posture": "Reactive", "for_each": ["prefect.resource.id"], ' +
  '"threshold": 1, "match_related": {}}'

async function database(dialect: Dialect): Promise<{knex: Knex; position: number}> {
  const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
  const position = positionOf(dialect, REVISION[dialect])
  await buildReferenceDatabase(dialect, location, position - 1)
  return {knex: openKnex(dialect, location), position}
}

async function insertPolicies(knex: Knex, dialect: Dialect, templateA: string): Promise<void> {
  const json = (value: unknown) => JSON.stringify(value)
  const bool = (value: boolean) => (dialect === 'sqlite' ? (value ? 1 : 0) : value)
  await knex('block_type').insert({id: BLOCK_TYPE, name: 'Slack Webhook', slug: 'slack-webhook'})
  await knex('block_schema').insert({id: BLOCK_SCHEMA, checksum: 'sha256:abc', block_type_id: BLOCK_TYPE})
  await knex('block_document').insert({id: BLOCK_DOCUMENT, name: 'alerts', block_schema_id: BLOCK_SCHEMA, block_type_id: BLOCK_TYPE})
  await knex('flow_run_notification_policy').insert([
    {
      id: POLICY_A,
      is_active: bool(true),
      state_names: json(['Failed', 'Crashed', 'Failed']),
      tags: json(['prod', 'été']),
      message_template: templateA,
      block_document_id: BLOCK_DOCUMENT,
    },
    {id: POLICY_B, is_active: bool(false), state_names: json([]), tags: json([]), message_template: null, block_document_id: BLOCK_DOCUMENT},
  ])
  await knex('flow_run_notification_queue').insert({
    flow_run_notification_policy_id: POLICY_A,
    flow_run_state_id: '0b6a1b2c-5555-4aaa-8bbb-000000000005',
  })
}

async function tableExists(knex: Knex, table: string): Promise<boolean> {
  return knex.schema.hasTable(table)
}

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration ${REVISION[dialect]} (${dialect}): notification policies become automations`, () => {
    it('creates one automation per policy with the trigger and message Prefect writes, then drops both tables', async () => {
      const {knex, position} = await database(dialect)
      try {
        await insertPolicies(knex, dialect, TEMPLATE)
        await runPosition(knex, dialect, position, 'up')

        assert.equal(await tableExists(knex, 'flow_run_notification_policy'), false)
        assert.equal(await tableExists(knex, 'flow_run_notification_queue'), false)
        const automations = (await knex('automation').select('name', 'description', 'enabled', 'trigger', 'actions')) as Array<{
          name: string
          description: string
          enabled: unknown
          trigger: unknown
          actions: unknown
        }>
        assert.equal(automations.length, 2)
        for (const automation of automations) {
          assert.equal(automation.name, 'Flow Run State Change Notification')
          assert.equal(automation.description, 'Migrated from a flow run notification policy')
        }

        const parse = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : (value as Record<string, unknown>))
        const isA = (automation: {trigger: unknown}) => (parse(automation.trigger).expect as string[])[0] !== 'prefect.flow-run.*'
        const a = automations.find(isA)!
        const b = automations.find((automation) => !isA(automation))!
        const idA = parse(a.trigger).id as string
        const idB = parse(b.trigger).id as string
        assert.match(idA, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        assert.notEqual(idA, idB)
        if (dialect === 'sqlite') {
          // SQLite keeps the JSON text exactly as written.
          assert.equal(a.trigger, TRIGGER_A(idA))
          assert.equal(a.actions, ACTIONS_A)
          assert.equal(b.trigger, TRIGGER_B(idB))
          assert.equal(b.actions, ACTIONS_B)
          assert.equal(a.enabled, 1)
          assert.equal(b.enabled, 0)
        } else {
          assert.deepEqual(a.trigger, JSON.parse(TRIGGER_A(idA)))
          assert.deepEqual(a.actions, JSON.parse(ACTIONS_A))
          assert.deepEqual(b.trigger, JSON.parse(TRIGGER_B(idB)))
          assert.deepEqual(b.actions, JSON.parse(ACTIONS_B))
          assert.equal(a.enabled, true)
          assert.equal(b.enabled, false)
        }

        // Safe to run again (it runs outside a transaction): nothing more happens.
        await runPosition(knex, dialect, position, 'up')
        assert.equal(((await knex('automation').count({n: '*'})) as Array<{n: number | string}>)[0]!.n.toString(), '2')

        // The downgrade brings back the two tables, empty; the automations stay.
        await runPosition(knex, dialect, position, 'down')
        assert.equal(await tableExists(knex, 'flow_run_notification_policy'), true)
        assert.equal(await tableExists(knex, 'flow_run_notification_queue'), true)
        assert.deepEqual(await knex('flow_run_notification_policy').select('id'), [])
        assert.equal(((await knex('automation').count({n: '*'})) as Array<{n: number | string}>)[0]!.n.toString(), '2')
      } finally {
        await knex.destroy()
      }
    })

    it('fails on a template Python cannot format, and moves nothing of that batch', async () => {
      const {knex, position} = await database(dialect)
      try {
        await insertPolicies(knex, dialect, 'Flow {flow_name} is {nope}')
        await assert.rejects(runPosition(knex, dialect, position, 'up'), /notification policy .* cannot be converted: KeyError: 'nope'/)
        assert.equal(((await knex('flow_run_notification_policy').count({n: '*'})) as Array<{n: number | string}>)[0]!.n.toString(), '2')
        assert.equal(((await knex('automation').count({n: '*'})) as Array<{n: number | string}>)[0]!.n.toString(), '0')
      } finally {
        await knex.destroy()
      }
    })
  })
}
