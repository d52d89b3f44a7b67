import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import path from 'node:path'

import {currentRevision, downgrade, history, upgrade} from '../../src/migrator/index.js'
import {currentLine} from '../../src/cli/report.js'
import {freshTarget, query, recorded, type TestDatabase} from './fixtures.js'
import {INDEX, indexChain, TABLE} from './interrupted-downgrade.js'

const indexes = async (db: TestDatabase) => (await query<{name: string}>(db, "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'indexed'")).map((row) => row.name)

/** Upgrade, then start a downgrade in a child process and SIGKILL it inside the down, after its index went. */
async function killedHalfWay(): Promise<TestDatabase> {
  const db = await freshTarget('postgresql')
  await upgrade(db.target, {revisions: indexChain()})
  assert.deepEqual(await recorded(db), [TABLE, INDEX])

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'interrupted-downgrade.ts'), db.url], {stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('index dropped') && resolve())
    child.on('exit', () => reject(new Error(`the child ended before its down stalled: ${stderr}`)))
  })
  child.kill('SIGKILL')
  assert.equal(await exited, 'SIGKILL')
  assert.deepEqual(await indexes(db), [])
  return db
}

describe('a revision outside a transaction, killed half-way through its downgrade', function () {
  this.timeout(60_000)

  it('stays current, marked half reverted, and the next upgrade runs its up again', async () => {
    const db = await killedHalfWay()
    const state = await currentRevision(db.target, {revisions: indexChain()})
    assert.equal(state.revision, INDEX)
    assert.equal(state.interrupted, true)
    assert.match(currentLine(state), /downgrade was interrupted/)
    const [top] = await history(db.target, {revisions: indexChain()})
    assert.equal(top.executionMs, -1)

    const result = await upgrade(db.target, {revisions: indexChain()})
    assert.deepEqual(result.applied.map((step) => step.revision), [INDEX])
    assert.deepEqual(await recorded(db), [TABLE, INDEX])
    assert.deepEqual(await indexes(db), ['ix_indexed_n'])
    assert.equal((await currentRevision(db.target, {revisions: indexChain()})).interrupted, false)
  })

  it('and the next downgrade by one runs its down again, to the revision below', async () => {
    const db = await killedHalfWay()
    const result = await downgrade(db.target, {revisions: indexChain(), revision: '-1'})
    assert.deepEqual(result.applied.map((step) => step.revision), [INDEX])
    assert.deepEqual(await recorded(db), [TABLE])
    assert.deepEqual(await indexes(db), [])
  })

  it('stays marked when its down fails with an error, so repeating the command repeats the down', async () => {
    const db = await freshTarget('postgresql')
    await upgrade(db.target, {revisions: indexChain()})
    const failing = indexChain()
    failing[1] = {...failing[1], async down() {
      throw new Error('the down failed')
    }}
    await assert.rejects(downgrade(db.target, {revisions: failing, revision: '-1'}), /dddd00000002.*the down failed/s)
    assert.equal((await currentRevision(db.target, {revisions: indexChain()})).revision, INDEX)

    await downgrade(db.target, {revisions: indexChain(), revision: '-1'})
    assert.deepEqual(await recorded(db), [TABLE])
  })
})
