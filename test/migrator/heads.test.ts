import assert from 'node:assert/strict'

import {CHAIN_HEADS} from '../../src/migrations/heads.js'
import {loadChain} from '../../src/migrator/session.js'
import {referenceChain} from '../support/reference-schema.js'

describe('the generated chain heads (the start-up lane answers a no-op upgrade from them)', () => {
  for (const dialect of ['sqlite', 'postgresql'] as const) {
    it(`${dialect}: the head of the chain the engine loads, and of Prefect's reference chain`, async () => {
      const chain = await loadChain(dialect)
      assert.equal(CHAIN_HEADS[dialect], chain.head?.revision)
      assert.equal(CHAIN_HEADS[dialect], referenceChain(dialect).at(-1)?.revision)
    })
  }
})
