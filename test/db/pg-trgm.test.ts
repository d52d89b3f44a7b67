import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import {parseDatabaseUrl} from '../../src/db/url.js'
import {ExitCode, type PrefectError} from '../../src/errors.js'
import type {Revision} from '../../src/migrations/types.js'
import {upgrade} from '../../src/migrator/index.js'
import {adminQuery, adminUrl, freshPostgresDatabase} from '../harness/databases.js'
import {TEST_PASSWORD} from '../harness/secrets.js'
import {tinyRevisions} from '../migrator/fixtures.js'

const trigram: Revision = {
  revision: 'cccc00000004',
  downRevision: 'bbbb00000003',
  message: 'trigram index',
  transaction: true,
  requires: ['pg_trgm'],
  async up({knex}) {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await knex.raw('CREATE INDEX trgm_ix_extra_name ON t_extra USING gin (name gin_trgm_ops)')
  },
  async down({knex}) {
    await knex.raw('DROP INDEX IF EXISTS trgm_ix_extra_name')
  },
}

describe('pg_trgm pre-flight check', () => {
  it('stops before changing anything when the role may not create pg_trgm, saying what a superuser must run', async () => {
    const {name} = await freshPostgresDatabase()
    const role = `r_${crypto.randomBytes(4).toString('hex')}`
    await adminQuery(`CREATE ROLE ${role} LOGIN PASSWORD '${TEST_PASSWORD}'`)
    await adminQuery(`GRANT CREATE ON SCHEMA public TO ${role}`, [], name)
    const url = new URL(adminUrl())
    url.username = role
    url.pathname = `/${name}`
    const target = parseDatabaseUrl(url.toString().replace(/^postgresql:/, 'postgresql+asyncpg:'))
    const revisions = [...tinyRevisions(), trigram]
    await assert.rejects(upgrade(target, {revisions}), (error: PrefectError) => {
      assert.equal(error.exitCode, ExitCode.MIGRATION)
      assert.match(error.line, /cccc00000004 needs the PostgreSQL extension pg_trgm/)
      assert.match(error.line, new RegExp(`CREATE EXTENSION pg_trgm; in database "${name}"`))
      return true
    })
    const tables = await adminQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", [], name)
    assert.deepEqual(tables, [])

    await adminQuery('CREATE EXTENSION pg_trgm', [], name)
    const result = await upgrade(target, {revisions})
    assert.equal(result.to, 'cccc00000004')
  })
})
