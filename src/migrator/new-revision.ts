import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import {MigrationError, UsageError} from '../errors.js'

export interface NewRevision {
  revision: string
  downRevision: string | null
  message: string
  /** Absolute path of the new file. */
  file: string
}

export interface NewRevisionOptions {
  /** The revisions directory (with an index.ts listing them). */
  directory?: string
  autogenerate?: boolean
  now?: Date
}

/**
 * Write a new, empty revision at the head of the chain: a fresh 12-hex id, today's timestamp
 * in the file name, and its import appended to index.ts. The head is read from the files
 * themselves (`revision:` and `downRevision:`), not from their names.
 */
export async function createRevisionFile(message: string, options: NewRevisionOptions = {}): Promise<NewRevision> {
  if (options.autogenerate) throw new UsageError('--autogenerate is not supported: revisions are written by hand.', 'Run without --autogenerate and fill in up() and down().')
  if (!options.directory) {
    throw new UsageError("Prefect's revision chains are Prefect's: this tool adds no revision of its own to them.", 'Give --migrations-dir DIR to add a revision to a chain of your own.')
  }

  const directory = path.resolve(options.directory)
  const indexFile = path.join(directory, 'index.ts')
  if (!fs.existsSync(indexFile)) {
    throw new UsageError(`No revisions directory with an index.ts at ${directory}.`, 'Run this command from a source checkout of prefect-dbadmin.')
  }

  const downRevision = findHead(directory)
  const revision = crypto.randomBytes(6).toString('hex')
  const now = options.now ?? new Date()
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/^(\d{4})(\d\d)(\d\d)T(\d{6}).*$/, '$1_$2_$3_$4')
  const slug = message.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60) || 'revision'
  const base = `${stamp}_${revision}_${slug}`
  const file = path.join(directory, `${base}.ts`)
  fs.writeFileSync(file, template(revision, downRevision, message), {flag: 'wx'})
  try {
    addToIndex(indexFile, base, slug)
  } catch (error) {
    // An unlisted revision file would be an orphan: take it back.
    fs.rmSync(file, {force: true})
    throw error
  }
  return {revision, downRevision, message, file}
}

function findHead(directory: string): string | null {
  const ids: string[] = []
  const downs = new Set<string>()
  for (const name of fs.readdirSync(directory).filter((n) => /\.ts$/.test(n) && n !== 'index.ts' && n !== 'types.ts')) {
    const text = fs.readFileSync(path.join(directory, name), 'utf8')
    const id = /\brevision:\s*'([0-9a-f]{12})'/.exec(text)?.[1]
    const down = /\bdownRevision:\s*'([0-9a-f]{12})'/.exec(text)?.[1]
    if (id) ids.push(id)
    if (down) downs.add(down)
  }

  const heads = ids.filter((id) => !downs.has(id))
  if (heads.length > 1) throw new MigrationError(`The revisions in ${directory} have several heads (${heads.join(', ')}).`, 'Fix their downRevision values so they form one chain.')
  return heads[0] ?? null
}

function addToIndex(indexFile: string, base: string, slug: string): void {
  const text = fs.readFileSync(indexFile, 'utf8')
  let identifier = slug.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^(\d)/, 'r$1')
  while (new RegExp(`\\b${identifier}\\b`).test(text)) identifier = `${identifier}_`
  const importLine = `import ${identifier} from './${base}.js'\n`
  const imports = [...text.matchAll(/^import (?!type).*from '\.\/\d{4}_.*\.js'\n/gm)]
  const after = imports.at(-1)
  const withImport = after ? text.slice(0, after.index! + after[0].length) + importLine + text.slice(after.index! + after[0].length) : importLine + text
  const close = withImport.lastIndexOf(']')
  if (close === -1) throw new MigrationError(`Cannot find the revisions list in ${indexFile}.`, 'Add the new revision to it by hand.')
  const before = withImport.slice(0, close).replace(/,?\s*$/, '')
  const separator = before.endsWith('[') ? '' : ','
  fs.writeFileSync(indexFile, `${before}${separator}\n  ${identifier},\n${withImport.slice(close)}`)
}

function template(revision: string, downRevision: string | null, message: string): string {
  return `import type {Revision} from './types.js'

const revision: Revision = {
  revision: '${revision}',
  downRevision: ${downRevision ? `'${downRevision}'` : 'null'},
  message: ${JSON.stringify(message)},
  transaction: true,
  async up({knex, dialect}) {
    // Write the change for both dialects; say so where they differ (dialect === 'sqlite').
    void knex
    void dialect
  },
  async down({knex, dialect}) {
    void knex
    void dialect
  },
}

export default revision
`
}
