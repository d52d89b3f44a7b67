// The PostgreSQL floor: a plain node script that applies the head schema's DDL in one
// transaction with pg, nothing else.  BENCH_TARGET=<url> node bench/floor-pg.js <ddl.sql>
import fs from 'node:fs'

import pg from 'pg'

const [ddlFile] = process.argv.slice(2)
const url = process.env.BENCH_TARGET
const client = new pg.Client({connectionString: url})
await client.connect()
await client.query(`BEGIN;\n${fs.readFileSync(ddlFile, 'utf8')}\nCOMMIT;`)
await client.end()
