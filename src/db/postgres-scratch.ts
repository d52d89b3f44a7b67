import crypto from 'node:crypto'

import {openDatabase} from './connect.js'
import type {PostgresTarget} from './target.js'

/** The role may not create a database (CREATEDB). */
export class NoScratchDatabase extends Error {}

/**
 * Run `body` on a new, empty database on the target's server, dropped afterwards whatever
 * happens (WITH (FORCE)). Needs CREATEDB: without it, NoScratchDatabase.
 */
export async function withScratchPostgres<T>(target: PostgresTarget, prefix: string, body: (scratch: PostgresTarget) => Promise<T>): Promise<T> {
  const name = `${prefix}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`
  try {
    await onAdmin(target, `create database ${name}`)
  } catch (error) {
    if ((error as {code?: string}).code === '42501') throw new NoScratchDatabase('the database role may not create a database (CREATEDB)')
    throw error
  }

  try {
    const scratch: PostgresTarget = {...target, database: name, displayUrl: target.displayUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`)}
    return await body(scratch)
  } finally {
    await onAdmin(target, `drop database if exists ${name} with (force)`)
  }
}

async function onAdmin(target: PostgresTarget, sql: string): Promise<void> {
  const admin = await openDatabase(target, {mode: 'read'})
  try {
    await admin.knex.raw(sql)
  } finally {
    await admin.knex.destroy()
  }
}
