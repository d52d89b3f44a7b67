import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import path from 'node:path'

import {downgrade, upgrade} from '../../src/migrator/index.js'
import {freshTarget, query, recorded} from './fixtures.js'
import {INDEX, indexChain, TABLE} from './interrupted-downgrade.js'

describe('a revision outside a transaction, killed half-way through its downgrade', () => {
  it('is left unrecorded, so the next upgrade puts back what its down had removed', async function () {
    this.timeout(60_000)
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

    const indexes = () => query<{name: string}>(db, "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'indexed'")
    assert.deepEqual(await indexes(), [])
    assert.deepEqual(await recorded(db), [TABLE], 'the record must not claim a revision whose down has begun')

    await upgrade(db.target, {revisions: indexChain()})
    assert.deepEqual(await recorded(db), [TABLE, INDEX])
    assert.deepEqual(await indexes(), [{name: 'ix_indexed_n'}])
  })

  it('is recorded again when its down fails with an error, so repeating the command repeats the down', async () => {
    const db = await freshTarget('postgresql')
    await upgrade(db.target, {revisions: indexChain()})
    const failing = indexChain()
    failing[1] = {...failing[1], async down() {
      throw new Error('the down failed')
    }}
    await assert.rejects(downgrade(db.target, {revisions: failing, revision: '-1'}), /dddd00000002.*the down failed/s)
    assert.deepEqual(await recorded(db), [TABLE, INDEX])

    await downgrade(db.target, {revisions: indexChain(), revision: '-1'})
    assert.deepEqual(await recorded(db), [TABLE])
  })
})
