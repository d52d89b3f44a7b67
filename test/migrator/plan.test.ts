import assert from 'node:assert/strict'

import {RevisionError} from '../../src/errors.js'
import {Chain} from '../../src/migrator/chain.js'
import {planDowngrade, planUpgrade} from '../../src/migrator/plan.js'
import {FIRST, SECOND, THIRD, tinyRevisions} from './fixtures.js'

const chain = new Chain(tinyRevisions())
const ids = (plan: {steps: Array<{revision: {revision: string}}>}) => plan.steps.map((step) => step.revision.revision)

describe('planning', () => {
  it('resolves head, base, full ids and unique prefixes of 4+ characters', () => {
    assert.equal(chain.resolve('head'), 2)
    assert.equal(chain.resolve('base'), -1)
    assert.equal(chain.resolve(SECOND), 1)
    assert.equal(chain.resolve('bbbb'), 2)
    assert.equal(chain.resolve('AAAA00000001'), 0)
    assert.throws(() => chain.resolve('aaaa'), (error: RevisionError) => error.message.includes(FIRST) && error.message.includes(SECOND))
    assert.throws(() => chain.resolve('bbb'), /at least its first 4/)
    assert.throws(() => chain.resolve('dddd'), /No revision matches 'dddd'/)
  })

  it('plans upgrades to head, +N and a revision; nothing to do is an empty plan', () => {
    assert.deepEqual(ids(planUpgrade(chain, -1)), [FIRST, SECOND, THIRD])
    assert.deepEqual(ids(planUpgrade(chain, 0, '+1')), [SECOND])
    assert.deepEqual(ids(planUpgrade(chain, -1, SECOND)), [FIRST, SECOND])
    assert.deepEqual(ids(planUpgrade(chain, 2)), [])
    assert.throws(() => planUpgrade(chain, 0, '+99'), /only 2 revisions above/)
    assert.throws(() => planUpgrade(chain, 2, FIRST), /below the current revision/)
    assert.throws(() => planUpgrade(chain, 2, '-1'), /relative downgrade/)
  })

  it('plans downgrades by -N, to a revision and to base, newest first', () => {
    assert.deepEqual(ids(planDowngrade(chain, 2)), [THIRD])
    assert.deepEqual(ids(planDowngrade(chain, 2, '-2')), [THIRD, SECOND])
    assert.deepEqual(ids(planDowngrade(chain, 2, FIRST)), [THIRD, SECOND])
    assert.deepEqual(ids(planDowngrade(chain, 2, 'base')), [THIRD, SECOND, FIRST])
    assert.deepEqual(ids(planDowngrade(chain, -1, 'base')), [])
    assert.throws(() => planDowngrade(chain, -1, '-1'), /at base/)
    assert.throws(() => planDowngrade(chain, 1, '-99'), /only 2 revisions are applied/)
    assert.throws(() => planDowngrade(chain, 0, THIRD), /above the current revision/)
    assert.throws(() => planDowngrade(chain, 2, '+1'), /relative upgrade/)
  })

  it('refuses a broken chain', () => {
    const revisions = tinyRevisions()
    revisions[2] = {...revisions[2], downRevision: FIRST}
    assert.throws(() => new Chain(revisions), /chain is broken at bbbb00000003/)
  })
})
