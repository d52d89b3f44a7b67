import {createHash} from 'node:crypto'

import type {Knex} from 'knex'

import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {selectRows, sql} from './prefect-sql.js'
import {isPyObject, PyObject, pyJsonDumps, pyJsonLoads, pyTruthy, type PyJson} from './b2-python-json.js'

/*
 * Block schema checksums as Prefect computes them (Block._calculate_schema_checksum), and
 * batched per-row updates for values computed here rather than in SQL.
 */

/** A JSON column's text: PostgreSQL's jsonb cast to text, SQLite's stored text. */
export function jsonText(dialect: MigrationContext['dialect'], column: string): string {
  return dialect === 'postgresql' ? `${column}::text` : column
}

/** Read a JSON column's text as Python's json.loads would. */
export function readPyJson(text: unknown): PyJson {
  if (typeof text !== 'string') throw new MigrationError(`Expected JSON text, got ${typeof text}`)
  return pyJsonLoads(text)
}

/**
 * `sha256:` + the SHA-256 of `json.dumps(((fields,), {}), sort_keys=True)`, after dropping every
 * `secret_fields` key of nested objects and keeping only the definitions that the schema
 * references (directly or through other definitions) and that are not blocks.
 */
export function blockSchemaChecksum(fields: PyJson): string {
  if (!isPyObject(fields)) throw new MigrationError('A block schema whose fields are not a JSON object has no checksum.')
  const forChecksum = withoutKey(fields, 'secret_fields') as PyObject
  const definitions = forChecksum.get('definitions')
  if (pyTruthy(definitions)) {
    if (!isPyObject(definitions)) throw new MigrationError('A block schema whose definitions are not a JSON object has no checksum.')
    const kept = nonBlockDefinitions(forChecksum, definitions, [])
    if (kept.entries.size > 0) forChecksum.set('definitions', kept)
    else forChecksum.delete('definitions')
  }

  const serialised = pyJsonDumps([[forChecksum], new PyObject()], {sortKeys: true})
  return `sha256:${createHash('sha256').update(serialised, 'utf8').digest('hex')}`
}

function withoutKey(value: PyJson, key: string): PyJson {
  if (!isPyObject(value)) return value // lists are left as they are, as Prefect's helper does
  const result = new PyObject()
  for (const [name, item] of value.entries) if (name !== key) result.set(name, withoutKey(item, key))
  return result
}

function referenceStrings(value: PyJson, found: PyJson[] = []): PyJson[] {
  if (isPyObject(value)) {
    const ref = value.get('$ref')
    if (pyTruthy(ref)) found.push(ref!)
    for (const item of value.entries.values()) referenceStrings(item, found)
  } else if (Array.isArray(value)) {
    for (const item of value) referenceStrings(item, found)
  }

  return found
}

function nonBlockDefinitions(definition: PyJson, definitions: PyObject, path: string[]): PyObject {
  const result = new PyObject()
  for (const ref of referenceStrings(definition)) {
    if (typeof ref !== 'string') continue
    const key = ref.split('#/definitions/').join('')
    const found = definitions.get(key)
    if (!pyTruthy(found)) continue
    if (!isPyObject(found)) throw new MigrationError(`Block schema definition ${key} is not a JSON object.`)
    const slug = found.get('block_type_slug')
    if (slug !== undefined && slug !== null) continue
    // Prefect's recursion never ends on definitions that refer to themselves: it fails there.
    if (path.includes(key)) throw new MigrationError(`Block schema definitions refer to themselves (${[...path, key].join(' -> ')}): no checksum.`)
    result.set(key, found)
    for (const [name, item] of nonBlockDefinitions(found, definitions, [...path, key]).entries) result.set(name, item)
  }

  return result
}

/**
 * Set columns of many rows by id, 500 rows a statement. Each row is `[id, ...values]`, the values
 * in the order of `columns`; `cast` is a column's PostgreSQL type (`jsonb`, `varchar`, `uuid`, …).
 */
export async function updateById(
  {knex, dialect}: MigrationContext,
  table: string,
  columns: ReadonlyArray<{name: string; cast: string}>,
  rows: ReadonlyArray<readonly string[]>,
): Promise<void> {
  const names = columns.map((column, index) => `c${index}`)
  const placeholders =
    dialect === 'postgresql'
      ? `(CAST(? AS uuid), ${columns.map((column) => `CAST(? AS ${column.cast})`).join(', ')})`
      : `(${['?', ...columns.map(() => '?')].join(', ')})`
  const assignments = columns.map((column, index) => `${column.name} = (SELECT v.${names[index]} FROM v WHERE v.id = ${table}.id)`)
  for (let start = 0; start < rows.length; start += 500) {
    const batch = rows.slice(start, start + 500)
    const bindings: Knex.RawBinding[] = batch.flatMap((row) => [...row])
    await knex.raw(
      `WITH v (id, ${names.join(', ')}) AS (VALUES ${batch.map(() => placeholders).join(', ')})
       UPDATE ${table} SET ${assignments.join(', ')}
       WHERE ${table}.id IN (SELECT v.id FROM v)`,
      bindings,
    )
  }
}

/**
 * Block schemas get their checksum (of their fields as they are), and a block type named after
 * the schema, created where none has that name yet; block documents get their schema's type.
 * Shared by SQLite b75d279ba985 and PostgreSQL 1c9390e2f9c6, run while block_schema still has
 * its name column and the new columns are nullable.
 */
export async function fillBlockSchemaChecksumsAndTypes(context: MigrationContext): Promise<void> {
  const schemas = await selectRows<{id: string; fields: unknown}>(
    context,
    `SELECT id, ${jsonText(context.dialect, 'fields')} AS fields FROM block_schema`,
  )
  const checksums = schemas.map((row) => [String(row.id), blockSchemaChecksum(readPyJson(row.fields))] as const)
  await updateById(context, 'block_schema', [{name: 'checksum', cast: 'varchar'}], checksums)
  await sql(
    context,
    `INSERT INTO block_type (name)
SELECT DISTINCT name FROM block_schema WHERE name NOT IN (SELECT name FROM block_type)`,
    'UPDATE block_schema SET block_type_id = (SELECT block_type.id FROM block_type WHERE block_type.name = block_schema.name)',
    `UPDATE block_document SET block_type_id = (SELECT block_schema.block_type_id FROM block_schema WHERE block_schema.id = block_document.block_schema_id)
WHERE block_schema_id IN (SELECT id FROM block_schema)`,
  )
}

/** Titles that Prefect gives some storage block schemas at e73c6f1fe752 / 2fe6fe6ca16e, by block type name. */
const STORAGE_TITLES: Record<string, string> = {
  'S3 Storage': 'S3StorageBlock',
  'Temporary Local Storage': 'TempStorageBlock',
  'Local Storage': 'LocalStorageBlock',
  'Google Cloud Storage': 'GoogleCloudStorageBlock',
  'Azure Blob Storage': 'AzureBlobStorageBlock',
  'KV Server Storage': 'KVServerStorageBlock',
  'File Storage': 'FileStorageBlock',
}

/**
 * Every block schema's fields get `block_type_name` (its block type's name) and an empty
 * `block_schema_references`; some storage schemas a new `title`; then the checksum is computed
 * again. The fields are written as Python's json.dumps writes them (SQLite keeps that text).
 */
export async function addBlockTypeNamesToSchemaFields(context: MigrationContext): Promise<void> {
  const schemas = await selectRows<{id: string; fields: unknown; block_type_name: unknown}>(
    context,
    `SELECT block_schema.id, ${jsonText(context.dialect, 'block_schema.fields')} AS fields, block_type.name AS block_type_name
FROM block_schema LEFT JOIN block_type ON block_type.id = block_schema.block_type_id`,
  )
  const updates = schemas.map((row) => {
    const fields = readPyJson(row.fields)
    if (!isPyObject(fields)) throw new MigrationError(`Block schema ${String(row.id)} has fields that are not a JSON object.`)
    if (typeof row.block_type_name !== 'string') throw new MigrationError(`Block schema ${String(row.id)} has no block type.`)
    const updated = fields.copy()
    updated.set('block_type_name', row.block_type_name)
    updated.set('block_schema_references', new PyObject())
    const title = Object.hasOwn(STORAGE_TITLES, row.block_type_name) ? STORAGE_TITLES[row.block_type_name] : undefined
    if (title !== undefined) updated.set('title', title)
    return [String(row.id), pyJsonDumps(updated), blockSchemaChecksum(updated)] as const
  })
  await updateById(
    context,
    'block_schema',
    [
      {name: 'fields', cast: 'jsonb'},
      {name: 'checksum', cast: 'varchar'},
    ],
    updates,
  )
}
