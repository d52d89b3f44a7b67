import assert from 'node:assert/strict'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

type Dialect = 'sqlite' | 'postgresql'

const V1_A = '9e830000-0000-4000-8000-00000000000a'
const V1_B = '9e830000-0000-4000-8000-00000000000b'
const V1_C = '9e830000-0000-4000-8000-00000000000c'
const V2_C = '9e830000-0000-4000-8000-0000000000c2'
const V2_DEPLOYMENT = '9e830000-0000-4000-8000-0000000000d2'
const FLOW = '9e830000-0000-4000-8000-0000000000f1'
const DEPLOYMENT = '9e830000-0000-4000-8000-0000000000d1'
const CREATED = '2024-01-02 03:04:05.123456'
const UPDATED = '2024-02-03 04:05:06.654321'

interface V2Row {
  id: string
  name: string
  limit: number
  active: unknown
  active_slots: number
  denied_slots: number
  slot_decay_per_second: number
  avg_slot_occupancy_seconds: number
  created: unknown
  updated: unknown
}

function timestamp(dialect: Dialect, value: unknown): string {
  return dialect === 'sqlite' ? String(value) : (value as Date).toISOString()
}

const expectedTimestamp = (dialect: Dialect, text: string) => (dialect === 'sqlite' ? text : new Date(`${text.slice(0, 23)}Z`).toISOString())

for (const dialect of ['sqlite', 'postgresql'] as const) {
  describe(`data migration 9e83011d1f2a (${dialect}): v1 concurrency limits become v2 limits`, () => {
    it('moves each v1 limit to a `tag:` v2 limit with the same id and counts, keeps existing ones, and moves them back down', async () => {
      const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
      const position = positionOf(dialect, '9e83011d1f2a')
      await buildReferenceDatabase(dialect, location, position - 1)
      const knex: Knex = openKnex(dialect, location)
      try {
        const json = (value: unknown) => JSON.stringify(value)
        const ts = (text: string) => (dialect === 'sqlite' ? text : `${text}+00`)
        await knex('concurrency_limit').insert([
          {
            id: V1_A,
            tag: 'a',
            concurrency_limit: 5,
            active_slots: json(['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']),
            created: ts(CREATED),
            updated: ts(UPDATED),
          },
          {id: V1_B, tag: 'b', concurrency_limit: 1, active_slots: json([]), created: ts(CREATED), updated: ts(UPDATED)},
        ])
        // Left to the column defaults.
        await knex('concurrency_limit').insert({id: V1_C, tag: 'c', concurrency_limit: 3, active_slots: json(['33333333-3333-4333-8333-333333333333'])})
        const v2 = (id: string, name: string, limit: number) => ({
          id,
          name,
          limit,
          active: dialect === 'sqlite' ? 0 : false,
          active_slots: 7,
          denied_slots: 2,
          slot_decay_per_second: 0.5,
          avg_slot_occupancy_seconds: 30,
        })
        await knex('concurrency_limit_v2').insert([v2(V2_C, 'tag:c', 9), v2(V2_DEPLOYMENT, 'deployment:x', 4)])
        await knex('flow').insert({id: FLOW, name: 'f'})

        await runPosition(knex, dialect, position, 'up')

        assert.deepEqual(await knex('concurrency_limit').select('id'), [])
        const rows = (await knex('concurrency_limit_v2').select('*').orderBy('name')) as V2Row[]
        assert.deepEqual(
          rows.map((row) => row.name),
          ['deployment:x', 'tag:a', 'tag:b', 'tag:c'],
        )
        const byName = new Map(rows.map((row) => [row.name, row]))
        const active = dialect === 'sqlite' ? 1 : true
        const a = byName.get('tag:a')!
        assert.deepEqual(
          {...a, created: timestamp(dialect, a.created), updated: timestamp(dialect, a.updated)},
          {
            id: V1_A,
            name: 'tag:a',
            limit: 5,
            active,
            active_slots: 2,
            denied_slots: 0,
            slot_decay_per_second: 0,
            avg_slot_occupancy_seconds: 600,
            created: expectedTimestamp(dialect, CREATED),
            updated: expectedTimestamp(dialect, UPDATED),
          },
        )
        assert.deepEqual([byName.get('tag:b')!.id, byName.get('tag:b')!.limit, byName.get('tag:b')!.active_slots], [V1_B, 1, 0])
        // A v2 limit already named tag:c is left as it was; v1 "c" is dropped all the same.
        assert.deepEqual([byName.get('tag:c')!.id, byName.get('tag:c')!.limit, byName.get('tag:c')!.active_slots], [V2_C, 9, 7])
        if (dialect === 'sqlite') assert.equal(typeof a.slot_decay_per_second, 'number')

        // A deployment limited by one of the tag limits loses that limit when it goes away.
        await knex('deployment').insert({id: DEPLOYMENT, name: 'd', flow_id: FLOW, concurrency_limit_id: V1_A})

        await runPosition(knex, dialect, position, 'down')

        const v1 = (await knex('concurrency_limit').select('*').orderBy('tag')) as Array<{
          id: string
          tag: string
          concurrency_limit: number
          active_slots: unknown
          created: unknown
          updated: unknown
        }>
        assert.deepEqual(
          v1.map((row) => [row.id, row.tag, row.concurrency_limit, dialect === 'sqlite' ? row.active_slots : json(row.active_slots)]),
          [
            [V1_A, 'a', 5, '[]'],
            [V1_B, 'b', 1, '[]'],
            [V2_C, 'c', 9, '[]'],
          ],
        )
        assert.equal(timestamp(dialect, v1[0]!.created), expectedTimestamp(dialect, CREATED))
        assert.equal(timestamp(dialect, v1[0]!.updated), expectedTimestamp(dialect, UPDATED))
        assert.deepEqual(
          ((await knex('concurrency_limit_v2').select('name')) as Array<{name: string}>).map((row) => row.name),
          ['deployment:x'],
        )
        assert.deepEqual(await knex('deployment').select('concurrency_limit_id'), [{concurrency_limit_id: null}])
      } finally {
        await knex.destroy()
      }
    })
  })
}
