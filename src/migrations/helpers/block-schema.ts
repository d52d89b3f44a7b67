import {randomUUID} from 'node:crypto'

import type {Knex} from 'knex'

import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {selectRows, sql} from './prefect-sql.js'
import {blockSchemaChecksum, slugify} from './prefect-values.js'
import {isPyObject, PyObject, pyJsonDumps, pyJsonLoads, pyStr, toPyJson, type PyJson} from './python-json.js'
import {applySqliteDeleteRules} from './sqlite-cascade.js'

/*
 * The data migrations of block schemas and block types, the same on both dialects but for the JSON
 * column type and the ON DELETE rules, which SQLite revisions apply themselves (see
 * applySqliteDeleteRules):
 *  - checksums and block types (SQLite b75d279ba985, PostgreSQL 1c9390e2f9c6);
 *  - block type names in schema fields (SQLite e73c6f1fe752, PostgreSQL 2fe6fe6ca16e);
 *  - schemas with secret fields, removed and renamed block types, block type slugs (SQLite
 *    e2dae764a603, 061c7e518b40, 628a873f0d1a, f335f9633eec; PostgreSQL 4cdc2ba709a4,
 *    e905fd199258, bb4dc90d3e29, 4ff2f2bf81f4).
 * Checksums are Prefect's (blockSchemaChecksum); the first two pairs compute them in 'strict'
 * mode, the slug revisions in 'lenient' mode, as each was released.
 */

// ------------------------------------------------------------------ reading and writing JSON columns

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
  const checksums = schemas.map((row) => [String(row.id), blockSchemaChecksum(readPyJson(row.fields), 'strict')] as const)
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
    return [String(row.id), pyJsonDumps(updated), blockSchemaChecksum(updated, 'strict')] as const
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

/** A JSON value as the dialect's column takes it in a bound parameter. */
function jsonParameter({dialect}: MigrationContext): string {
  return dialect === 'postgresql' ? 'CAST(? AS jsonb)' : '?'
}

// ------------------------------------------------------------------ schemas with secret fields

interface SecretSchemaMove {
  blockTypeName: string
  oldChecksum: string
  newChecksum: string
  capabilities: string[]
  fields: Record<string, unknown>
}

/** The two storage block schemas that gained secret fields, with their new definitions. */
const SECRET_SCHEMA_MOVES: SecretSchemaMove[] = [
  {
    blockTypeName: 'S3 Storage',
    oldChecksum: 'sha256:3ffda32926202a34fc30d7618e4792f71088d37fbcf92c18d070104ca6da7431',
    newChecksum: 'sha256:68ed6efe6ab724c5f36519803012af68a22965eccfa5944c94fa809b8b9a6e04',
    capabilities: ['readable', 'storage', 'writeable'],
    fields: {
      title: 'S3StorageBlock',
      description: 'Store data in an AWS S3 bucket.',
      type: 'object',
      properties: {
        bucket: {title: 'Bucket', type: 'string'},
        aws_access_key_id: {title: 'Aws Access Key Id', type: 'string'},
        aws_secret_access_key: {title: 'Aws Secret Access Key', type: 'string', writeOnly: true, format: 'password'},
        aws_session_token: {title: 'Aws Session Token', type: 'string'},
        profile_name: {title: 'Profile Name', type: 'string'},
        region_name: {title: 'Region Name', type: 'string'},
      },
      required: ['bucket'],
      block_type_name: 'S3 Storage',
      secret_fields: ['aws_secret_access_key'],
      block_schema_references: {},
    },
  },
  {
    blockTypeName: 'Azure Blob Storage',
    oldChecksum: 'sha256:4488e8f7d196f7627e3ead24ca136860f0a54d54f6c98533cf3ef2f4ba9cf51b',
    newChecksum: 'sha256:2aef5e384a1f4a2d8dd0ff8c3b96d2c5eb5852462078b6915f7d756847341a42',
    capabilities: ['readable', 'storage', 'writeable'],
    fields: {
      title: 'AzureBlobStorageBlock',
      description: 'Store data in an Azure blob storage container.',
      type: 'object',
      properties: {
        container: {title: 'Container', type: 'string'},
        connection_string: {title: 'Connection String', type: 'string', writeOnly: true, format: 'password'},
      },
      required: ['container', 'connection_string'],
      block_type_name: 'Azure Blob Storage',
      secret_fields: ['connection_string'],
      block_schema_references: {},
    },
  },
]

/**
 * Where a block type and its old schema both exist: add the new schema (unless there), move the
 * block documents from the old schema to it, delete the old schema.
 */
export async function moveSchemasToSecretFields(context: MigrationContext): Promise<void> {
  const {knex} = context
  const idOf = async (query: string, value: string) => (await selectRows<{id: string}>(context, query, [value]))[0]?.id
  let deleted = false
  for (const move of SECRET_SCHEMA_MOVES) {
    const blockTypeId = await idOf('SELECT id FROM block_type WHERE name = ? LIMIT 1', move.blockTypeName)
    const oldId = await idOf('SELECT id FROM block_schema WHERE checksum = ? LIMIT 1', move.oldChecksum)
    if (blockTypeId === undefined || oldId === undefined) continue
    let newId = await idOf('SELECT id FROM block_schema WHERE checksum = ? LIMIT 1', move.newChecksum)
    if (newId === undefined) {
      // The id is made here rather than by the column default, so that the UPDATE below names the
      // id the INSERT wrote, in a --dry-run script too (where both hold it as a literal).
      newId = randomUUID()
      await knex.raw(
        `INSERT INTO block_schema (id, checksum, fields, block_type_id, capabilities) VALUES (?, ?, ${jsonParameter(context)}, ?, ${jsonParameter(context)})`,
        [newId, move.newChecksum, pyJsonDumps(toPyJson(move.fields)), blockTypeId, pyJsonDumps(toPyJson(move.capabilities))],
      )
    }

    await knex.raw('UPDATE block_document SET block_schema_id = ? WHERE block_schema_id = ?', [newId, oldId])
    await knex.raw('DELETE FROM block_schema WHERE id = ?', [oldId])
    deleted = true
  }

  if (deleted && context.dialect === 'sqlite') await applySqliteDeleteRules(context)
}

// ------------------------------------------------------------------ renamed and removed block types

/** Block types renamed in Prefect 2.0 (old name, new name). */
export const RENAMED_BLOCK_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['DateTime', 'Date Time'],
  ['EnvironmentVariable', 'Environment Variable'],
  ['KubernetesClusterConfig', 'Kubernetes Cluster Config'],
  ['LocalFileSystem', 'Local File System'],
  ['RemoteFileSystem', 'Remote File System'],
]

/** The storage block types Prefect 2.0 removed. */
export const REMOVED_BLOCK_TYPES: readonly string[] = [
  'Azure Blob Storage',
  'File Storage',
  'Google Cloud Storage',
  'KV Server Storage',
  'Local Storage',
  'S3 Storage',
  'Temporary Local Storage',
]

/** Delete block types by name, with what depends on them (ON DELETE rules, on SQLite too). */
export async function deleteBlockTypes(context: MigrationContext, names: readonly string[]): Promise<void> {
  await sql(context, `DELETE FROM block_type WHERE name IN (${names.map(literal).join(', ')})`)
  if (context.dialect === 'sqlite') await applySqliteDeleteRules(context)
}

export async function renameBlockTypes(context: MigrationContext, renames: ReadonlyArray<readonly [from: string, to: string]>): Promise<void> {
  await sql(context, ...renames.map(([from, to]) => `UPDATE block_type SET name = ${literal(to)} WHERE name = ${literal(from)}`))
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

// ------------------------------------------------------------------ block type slugs

/** The top level of a schema (or of each object in a top-level list): block_type_name → block_type_slug. */
export function replaceNameWithSlug(fields: PyJson): PyJson {
  if (Array.isArray(fields)) return fields.map(replaceNameWithSlug)
  if (!isPyObject(fields)) return fields
  // A dict built key by key: a key set again keeps its first place.
  const result = new PyObject()
  for (const [key, value] of fields.entries) {
    if (key === 'block_type_name') result.set('block_type_slug', slugify(blockTypeNameText(value)))
    else result.set(key, value)
  }

  return result
}

/**
 * The text slugified for a block_type_name, as the released port computes it: a string as it is,
 * null, true and false as Python's str() prints them, anything else (rare: a number, list or
 * object) as json.dumps writes it, which is not Python's str() (["é"] gives ["\u00e9"], not ['é']).
 */
function blockTypeNameText(value: PyJson): string {
  if (typeof value === 'string' || value === null || typeof value === 'boolean') return pyStr(value)
  return pyJsonDumps(value)
}

/**
 * Give every block type its slug (python-slugify of its name) and rewrite its schemas: top-level
 * block_type_name replaced by block_type_slug, checksum recomputed from the new fields.
 * The slug column must exist (nullable) when this runs.
 */
export async function fillBlockTypeSlugs(context: MigrationContext): Promise<void> {
  const {knex} = context
  const types = await selectRows<{id: string; name: string}>(context, 'SELECT id, name FROM block_type ORDER BY id')
  for (const type of types) {
    await knex.raw('UPDATE block_type SET slug = ? WHERE id = ?', [slugify(type.name), type.id])
    const schemas = await selectRows<{id: string; fields: string}>(
      context,
      `SELECT id, ${jsonText(context.dialect, 'fields')} AS fields FROM block_schema WHERE block_type_id = ? ORDER BY id`,
      [type.id],
    )
    for (const schema of schemas) {
      const fields = replaceNameWithSlug(pyJsonLoads(schema.fields))
      await knex.raw(`UPDATE block_schema SET fields = ${jsonParameter(context)}, checksum = ? WHERE id = ?`, [
        pyJsonDumps(fields),
        blockSchemaChecksum(fields, 'lenient'),
        schema.id,
      ])
    }
  }
}
