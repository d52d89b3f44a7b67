import assert from 'node:assert/strict'
import crypto from 'node:crypto'

import Database from 'better-sqlite3'

import {chainIds} from '../support/chains.js'
import {runCli} from '../harness/cli.js'
import {freshSqliteFile} from '../harness/databases.js'

/**
 * SQLite: SIGKILL during a table-rebuild revision (Prefect's 2095de406cbe rebuilds
 * block_document_reference to add a CHECK) loses no row, whether the kill lands before, inside
 * or after the rebuild's transaction.
 */
const REBUILD = '2095de406cbe'
const KILLS = 12
const before = chainIds('sqlite')[chainIds('sqlite').indexOf(REBUILD) - 1]
const ROWS = 40_000

function rowsFingerprint(file: string): {count: number; hash: string} {
  const db = new Database(file, {readonly: true})
  try {
    const hash = crypto.createHash('sha256')
    let count = 0
    const rows = db.prepare('SELECT id, name, parent_block_document_id, reference_block_document_id, created, updated FROM block_document_reference ORDER BY id')
    for (const row of rows.iterate()) {
      hash.update(JSON.stringify(row))
      count++
    }

    return {count, hash: hash.digest('hex')}
  } finally {
    db.close()
  }
}

function seed(file: string): void {
  const db = new Database(file)
  const uuid = (): string => crypto.randomUUID()
  const [type, schema, parent, child] = [uuid(), uuid(), uuid(), uuid()]
  db.transaction(() => {
    db.prepare("INSERT INTO block_type (id, name, slug) VALUES (?, 'S3', 's3')").run(type)
    db.prepare("INSERT INTO block_schema (id, checksum, fields, capabilities, block_type_id) VALUES (?, 'sha256:x', '{}', '[]', ?)").run(schema, type)
    const document = db.prepare("INSERT INTO block_document (id, name, data, block_type_id, block_schema_id) VALUES (?, ?, '{}', ?, ?)")
    document.run(parent, 'parent', type, schema)
    document.run(child, 'child', type, schema)
    const reference = db.prepare('INSERT INTO block_document_reference (id, name, parent_block_document_id, reference_block_document_id) VALUES (?, ?, ?, ?)')
    for (let i = 0; i < ROWS; i++) reference.run(uuid(), `reference-${i}`, parent, child)
  })()
  db.close()
}

describe('crashes: SQLite table rebuild', function () {
  it(`loses no row when killed at ${KILLS} random moments of the rebuild`, async () => {
    const {file, url} = freshSqliteFile()
    const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: url}
    const cli = (args: string[], timeoutMs?: number) => runCli(['server', 'database', ...args], {env, timeoutMs})
    assert.equal((await cli(['upgrade', '-y', '-r', before])).code, 0)
    seed(file)
    const original = rowsFingerprint(file)
    assert.equal(original.count, ROWS)

    const started = Date.now()
    assert.equal((await cli(['upgrade', '-y', '-r', REBUILD])).code, 0)
    const rebuildMs = Date.now() - started
    assert.deepEqual(rowsFingerprint(file), original)
    assert.equal((await cli(['downgrade', '-y', '-r', before])).code, 0)

    let killed = 0
    for (let i = 0; i < KILLS; i++) {
      const delay = Math.max(1, Math.floor(Math.random() * rebuildMs))
      const victim = await cli(['upgrade', '-y', '-r', REBUILD], delay)
      if (victim.signal === 'SIGKILL') killed++
      assert.deepEqual(rowsFingerprint(file), original, `rows after a kill at ${delay} ms`)
      const state = await cli(['current', '--json'])
      if (JSON.parse(state.stdout).revision === REBUILD) {
        assert.equal((await cli(['downgrade', '-y', '-r', before])).code, 0)
      }
    }

    assert.equal((await cli(['upgrade', '-y'])).code, 0)
    assert.deepEqual(rowsFingerprint(file), original)
    console.log(`      ${KILLS} kills aimed at a ${rebuildMs} ms rebuild of ${ROWS} rows, ${killed} landed; no row lost`)
  })
})
