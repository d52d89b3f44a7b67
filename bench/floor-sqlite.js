// The SQLite floor: a plain node script that applies the head schema's DDL in one transaction
// with better-sqlite3, nothing else.  BENCH_TARGET=<db file> node bench/floor-sqlite.js <ddl.sql>
import fs from 'node:fs'

import Database from 'better-sqlite3'

const [ddlFile] = process.argv.slice(2)
const dbFile = process.env.BENCH_TARGET
const db = new Database(dbFile)
db.pragma('journal_mode = WAL')
db.exec(`BEGIN;\n${fs.readFileSync(ddlFile, 'utf8')}\nCOMMIT;`)
db.close()
