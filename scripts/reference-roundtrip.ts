/* Checks that every reference dump, turned into DDL and applied, dumps back to itself. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import {buildReferenceDatabase} from '../test/support/reference-db.js'
import {dumpDatabase, dumpDiff, referenceChain, referenceDump, type RefDialect} from '../test/support/reference-schema.js'

const dialect = process.argv[2] as RefDialect
const pgAdmin = process.env.PG_ADMIN_URL ?? 'postgresql://dev@127.0.0.1:55432/postgres'
const last = referenceChain(dialect).length
let failures = 0
for (let position = 0; position <= last; position++) {
  let location: string
  let cleanup: () => Promise<void>
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-'))
    location = path.join(dir, 'x.db')
    cleanup = async () => fs.rmSync(dir, {recursive: true})
  } else {
    const name = `rt_${process.pid}_${position}`
    const admin = new pg.Client({connectionString: pgAdmin})
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name}`)
    await admin.end()
    const url = new URL(pgAdmin)
    url.pathname = `/${name}`
    location = url.toString()
    cleanup = async () => {
      const a = new pg.Client({connectionString: pgAdmin})
      await a.connect()
      await a.query(`DROP DATABASE ${name}`)
      await a.end()
    }
  }

  try {
    await buildReferenceDatabase(dialect, location, position)
    const got = dumpDatabase(dialect, location)
    const want = referenceDump(dialect, position)
    if (got !== want) {
      failures++
      console.log(`position ${position}: differs\n${dumpDiff(got, want)}`)
    }
  } catch (error) {
    failures++
    console.log(`position ${position}: ${(error as Error).message}`)
  } finally {
    await cleanup()
  }
}

console.log(`${dialect}: ${last + 1 - failures} of ${last + 1} round-trip`)
