import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

import {forEachDialect} from '../harness/databases.js'
import {downgradeTo, freshDatabase, HEAD, schemaText, upgradeTo} from './apply.js'

const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../golden')

/**
 * The schema at head, compared with the committed dump in test/golden/<dialect>.schema.txt. After
 * an intended schema change, regenerate with PREFECT_UPDATE_GOLDEN=1 and review the diff.
 */
describe('the head schema', () => {
  forEachDialect((dialect) => {
    it('matches the golden dump', async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgradeTo(db, HEAD)
        const actual = await schemaText(db)
        const golden = path.join(GOLDEN_DIR, `${dialect}.schema.txt`)
        if (process.env.PREFECT_UPDATE_GOLDEN === '1') fs.writeFileSync(golden, actual)
        assert.equal(actual, fs.readFileSync(golden, 'utf8'))
      } finally {
        await db.knex.destroy()
      }
    })

    it('has every Prefect table, and nothing is left after downgrading to base', async () => {
      const db = await freshDatabase(dialect)
      try {
        await upgradeTo(db, HEAD)
        const tables = (await schemaText(db)).split('\n').filter((line) => line.startsWith('table ')).map((line) => line.slice(6))
        assert.equal(tables.length, 35)
        await downgradeTo(db, null)
        assert.equal(await schemaText(db), `dialect ${dialect}\n`)
      } finally {
        await db.knex.destroy()
      }
    })
  })
})
