import assert from 'node:assert/strict'

import {adminQuery, freshPostgresDatabase} from './databases.js'

describe('test harness', () => {
  it('reaches the throwaway PostgreSQL and makes fresh databases with pg_trgm available', async () => {
    const {name} = await freshPostgresDatabase()
    const rows = await adminQuery<{name: string}>("SELECT name FROM pg_available_extensions WHERE name = 'pg_trgm'", [], name)
    assert.equal(rows.length, 1)
  })
})
