import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {openDatabase} from '../db/connect.js'
import {PREFECT_TABLES} from '../migrations/prefect-data.js'
import {dumpSchema, type SchemaDump, type TableDump} from '../db/schema-dump.js'
import type {DatabaseTarget} from '../db/target.js'
import type {Chain} from './chain.js'
import type {ReadOptions} from './inspect.js'
import {upgrade} from './migrate.js'

export interface DriftReport {
  /** Differences between the live schema and the one this tool's chain builds at the recorded revision. */
  differences: string[]
  /** Tables that belong to neither chain: listed, not counted as drift. */
  otherTables: string[]
  /** Why drift could not be checked (no right to create the scratch database), or null. */
  skipped: string | null
}

const OURS = new Set([...PREFECT_TABLES, 'prefect_migrations'])

/**
 * Compare the live schema with the schema the chain builds at `position`. The expected schema is
 * built by the engine in a scratch database that is removed afterwards: a temporary SQLite file,
 * or on PostgreSQL a temporary database on the same server (which needs the CREATEDB right; without
 * it drift is reported as not checked). The database under check is only read.
 */
export async function schemaDrift(target: DatabaseTarget, chain: Chain, position: number, options: ReadOptions = {}): Promise<DriftReport> {
  const live = await dumpOf(target, options)
  const otherTables = live.tables.map((table) => table.name).filter((name) => !OURS.has(name))
  let expected: LiveSchema
  try {
    expected = await scratchSchema(target, chain, position, options)
  } catch (error) {
    const {code} = error as {code?: string}
    if (code === '42501') return {differences: [], otherTables, skipped: 'the database role may not create a scratch database (CREATEDB) to build the expected schema in'}
    throw error
  }

  const ours = {...live, tables: live.tables.filter((table) => OURS.has(table.name))}
  return {differences: compare(ours, expected), otherTables, skipped: null}
}

interface LiveSchema extends SchemaDump {
  /** PostgreSQL extensions installed in the database (pg_trgm, plpgsql); none on SQLite. */
  extensions: string[]
}

async function dumpOf(target: DatabaseTarget, options: ReadOptions): Promise<LiveSchema> {
  const db = await openDatabase(target, {mode: 'read', warn: options.warn, onQuery: options.onQuery})
  try {
    const dump = await dumpSchema(db.knex, target.dialect, {exclude: ['prefect_migrations']})
    const extensions =
      target.dialect === 'postgresql' ? ((await db.knex.raw('select extname as name from pg_extension order by extname')) as {rows: Array<{name: string}>}).rows.map((row) => row.name) : []
    return {...dump, extensions}
  } finally {
    await db.knex.destroy()
  }
}

async function scratchSchema(target: DatabaseTarget, chain: Chain, position: number, options: ReadOptions): Promise<LiveSchema> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  const revision = chain.idAt(position) ?? 'base'
  if (target.dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prefect-check-'))
    const filename = path.join(dir, 'expected.db')
    const scratch: DatabaseTarget = {...target, filename, memory: false, url: `sqlite:///${filename}`, displayUrl: `sqlite:///${filename}`}
    try {
      await upgrade(scratch, {revisions: chain.revisions, revision})
      return await dumpOf(scratch, {})
    } finally {
      fs.rmSync(dir, {recursive: true, force: true})
    }
  }

  const name = `prefect_check_${suffix}`
  const admin = await openDatabase(target, {mode: 'read', warn: options.warn})
  try {
    await admin.knex.raw(`create database ${name}`)
  } finally {
    await admin.knex.destroy()
  }

  try {
    const scratch: DatabaseTarget = {...target, database: name, url: target.url, displayUrl: target.displayUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`)}
    await upgrade(scratch, {revisions: chain.revisions, revision})
    return await dumpOf(scratch, {})
  } finally {
    const cleanup = await openDatabase(target, {mode: 'read'})
    try {
      await cleanup.knex.raw(`drop database if exists ${name} with (force)`)
    } finally {
      await cleanup.knex.destroy()
    }
  }
}

/** The differences, one line each, by name: tables, columns, indexes, constraints, enum labels. */
function compare(live: LiveSchema, expected: LiveSchema): string[] {
  const out: string[] = []
  for (const name of expected.extensions) if (!live.extensions.includes(name)) out.push(`missing extension ${name}`)
  const liveTables = new Map(live.tables.map((table) => [table.name, table]))
  const expectedTables = new Map(expected.tables.map((table) => [table.name, table]))
  for (const [name, table] of expectedTables) {
    const actual = liveTables.get(name)
    if (!actual) out.push(`missing table ${name}`)
    else out.push(...compareTable(actual, table))
  }

  for (const name of liveTables.keys()) if (!expectedTables.has(name)) out.push(`extra table ${name}`)
  const liveEnums = new Map(live.enums.map((type) => [type.name, type.labels]))
  for (const type of expected.enums) {
    const labels = liveEnums.get(type.name)
    if (!labels) out.push(`missing enum type ${type.name}`)
    else {
      for (const label of type.labels) if (!labels.includes(label)) out.push(`enum ${type.name}: missing label ${label}`)
      for (const label of labels) if (!type.labels.includes(label)) out.push(`enum ${type.name}: extra label ${label}`)
    }
  }

  for (const type of live.enums) if (!expected.enums.some((e) => e.name === type.name)) out.push(`extra enum type ${type.name}`)
  return out
}

function compareTable(live: TableDump, expected: TableDump): string[] {
  const out: string[] = []
  const t = expected.name
  const byName = <T extends {name: string | null}>(items: T[]) => new Map(items.map((item) => [item.name ?? '', item]))
  const liveColumns = byName(live.columns)
  for (const column of expected.columns) {
    const actual = liveColumns.get(column.name)
    if (!actual) out.push(`${t}: missing column ${column.name}`)
    else if (JSON.stringify(actual) !== JSON.stringify(column)) out.push(`${t}: column ${column.name} differs (${describe(actual)}; expected ${describe(column)})`)
  }

  for (const column of live.columns) if (!expected.columns.some((c) => c.name === column.name)) out.push(`${t}: extra column ${column.name}`)
  const liveIndexes = byName(live.indexes)
  for (const index of expected.indexes) {
    const actual = liveIndexes.get(index.name)
    if (!actual) out.push(`${t}: missing index ${index.name}`)
    else if (actual.definition !== index.definition) out.push(`${t}: index ${index.name} differs`)
  }

  for (const index of live.indexes) if (!liveIndexes.has(index.name) || !expected.indexes.some((i) => i.name === index.name)) out.push(`${t}: extra index ${index.name}`)
  const key = (c: {kind: string; name: string | null; definition: string}) => `${c.kind} ${c.name ?? ''} ${c.definition}`
  const liveConstraints = new Set(live.constraints.map(key))
  const expectedConstraints = new Set(expected.constraints.map(key))
  for (const c of expected.constraints) if (!liveConstraints.has(key(c))) out.push(`${t}: missing ${c.kind} constraint ${c.name ?? c.definition}`)
  for (const c of live.constraints) if (!expectedConstraints.has(key(c))) out.push(`${t}: extra ${c.kind} constraint ${c.name ?? c.definition}`)
  return out
}

function describe(column: {type: string; nullable: boolean; default: string | null}): string {
  return `${column.type}${column.nullable ? ' null' : ' not null'}${column.default === null ? '' : ` default ${column.default}`}`
}
