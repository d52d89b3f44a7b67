import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import type {Knex} from 'knex'

import {freshPostgresDatabase, freshSqliteFile} from '../../harness/databases.js'
import {buildReferenceDatabase} from '../../support/reference-db.js'
import {openKnex, positionOf, runPosition} from '../../support/run-revision.js'

// SQLite 2ac65f1758c2 / PostgreSQL 94622c1663e8: variable.value goes from text to JSON. Expected
// values below are what Python gives (json.dumps(s); str(json.loads(text))), checked with CPython.
const STRINGS: Array<[string, string]> = [
  ['hello', '"hello"'],
  ['with "quotes" and \\ backslash', '"with \\"quotes\\" and \\\\ backslash"'],
  ['café ☃ 😀', '"caf\\u00e9 \\u2603 \\ud83d\\ude00"'],
  ['5', '"5"'],
  ['true', '"true"'],
  ['', '""'],
  ['tab\there\nnl', '"tab\\there\\nnl"'],
]
const MANY = 1203 // more than two pages of the row loop

async function setUp(dialect: 'sqlite' | 'postgresql', revision: string): Promise<{knex: Knex; n: number}> {
  const location = dialect === 'sqlite' ? freshSqliteFile().file : (await freshPostgresDatabase()).url
  const n = positionOf(dialect, revision)
  await buildReferenceDatabase(dialect, location, n - 1)
  const knex = openKnex(dialect, location)
  const rows = [
    ...STRINGS.map(([value], i) => ({id: crypto.randomUUID(), name: `s${i}`, value})),
    ...Array.from({length: MANY}, (_, i) => ({id: crypto.randomUUID(), name: `bulk${i}`, value: `value ${i}`})),
  ]
  for (let i = 0; i < rows.length; i += 200) await knex('variable').insert(rows.slice(i, i + 200))
  return {knex, n}
}

async function valuesByName(knex: Knex, expression: string): Promise<Map<string, unknown>> {
  const rows = (await knex('variable').select('name', knex.raw(`${expression} AS v`))) as Array<{name: string; v: unknown}>
  return new Map(rows.map((row) => [row.name, row.v]))
}

describe('data migration 2ac65f1758c2 (sqlite): json_variables', () => {
  it('stores each value as the exact text of json.dumps, and the downgrade gives the strings back', async () => {
    const {knex, n} = await setUp('sqlite', '2ac65f1758c2')
    try {
      await runPosition(knex, 'sqlite', n, 'up')
      const raw = await valuesByName(knex, 'value')
      const types = await valuesByName(knex, 'typeof(value)')
      STRINGS.forEach(([, dumped], i) => {
        assert.equal(raw.get(`s${i}`), dumped)
        assert.equal(types.get(`s${i}`), 'text')
      })
      for (let i = 0; i < MANY; i++) assert.equal(raw.get(`bulk${i}`), `"value ${i}"`)

      // Values Prefect writes later are JSON of any scalar; the downgrade binds json.loads of them.
      await knex('variable').insert([
        {name: 'int', value: '5'},
        {name: 'float', value: '1.5'},
        {name: 'bool', value: 'true'},
      ])
      await runPosition(knex, 'sqlite', n, 'down')
      const back = await valuesByName(knex, 'value')
      STRINGS.forEach(([value], i) => assert.equal(back.get(`s${i}`), value))
      for (let i = 0; i < MANY; i++) assert.equal(back.get(`bulk${i}`), `value ${i}`)
      assert.equal(back.get('int'), '5')
      assert.equal(back.get('float'), '1.5')
      assert.equal(back.get('bool'), '1')
    } finally {
      await knex.destroy()
    }
  })

  it('refuses to downgrade a null, object or array value (Prefect fails on them) and changes nothing', async () => {
    const {knex, n} = await setUp('sqlite', '2ac65f1758c2')
    try {
      await runPosition(knex, 'sqlite', n, 'up')
      await knex('variable').insert([{name: 'obj', value: '{"a": 1}'}, {name: 'nothing', value: null}])
      await assert.rejects(runPosition(knex, 'sqlite', n, 'down'), /nothing, obj/)
      assert.equal(await knex.schema.hasColumn('variable', 'string_value'), false)
      const raw = await valuesByName(knex, 'value')
      assert.equal(raw.get('obj'), '{"a": 1}')
      assert.equal(raw.get('s0'), '"hello"')
    } finally {
      await knex.destroy()
    }
  })
})

describe('data migration 94622c1663e8 (postgresql): json_variables', () => {
  it('stores each value as a JSON string, and the downgrade writes Python str() of each value', async () => {
    const {knex, n} = await setUp('postgresql', '94622c1663e8')
    try {
      await runPosition(knex, 'postgresql', n, 'up')
      const kinds = await valuesByName(knex, 'jsonb_typeof(value)')
      const values = await valuesByName(knex, 'value')
      STRINGS.forEach(([value], i) => {
        assert.equal(kinds.get(`s${i}`), 'string')
        assert.equal(values.get(`s${i}`), value)
      })
      for (let i = 0; i < MANY; i++) assert.equal(values.get(`bulk${i}`), `value ${i}`)

      const later: Array<[string, string | null, string]> = [
        ['dict', '{"b": [1, 2.5, true, null], "a": "x\'y"}', `{'a': "x'y", 'b': [1, 2.5, True, None]}`],
        ['nested', '["a\\nb", {"k": "it\'s \\"q\\""}]', `['a\\nb', {'k': 'it\\'s "q"'}]`],
        ['int', '5', '5'],
        ['float-one', '1.0', '1.0'],
        ['small', '0.00001', '1e-05'],
        ['big', '123456789012345678.5', '1.2345678901234568e+17'],
        ['false', 'false', 'False'],
        ['json-null', 'null', 'None'],
        ['sql-null', null, 'None'],
      ]
      for (const [name, json] of later) {
        await knex('variable').insert({name, value: json === null ? null : knex.raw('?::jsonb', [json])})
      }

      await runPosition(knex, 'postgresql', n, 'down')
      const back = await valuesByName(knex, 'value')
      STRINGS.forEach(([value], i) => assert.equal(back.get(`s${i}`), value))
      for (let i = 0; i < MANY; i++) assert.equal(back.get(`bulk${i}`), `value ${i}`)
      for (const [name, , expected] of later) assert.equal(back.get(name), expected, name)
      const type = (await knex.raw(
        "SELECT data_type, is_nullable FROM information_schema.columns WHERE table_name = 'variable' AND column_name = 'value'",
      )) as {rows: Array<{data_type: string; is_nullable: string}>}
      assert.deepEqual(type.rows[0], {data_type: 'character varying', is_nullable: 'NO'})
    } finally {
      await knex.destroy()
    }
  })
})
