import type {MigrationContext} from '../types.js'
import {applySqliteDeleteRules} from './b3-sqlite-cascade.js'
import {blockSchemaChecksum, parsePyJson, PyObject, pyDumps, slugify, toPyJson, type PyJson} from './b3-python-json.js'
import {selectRows, sql} from './prefect-sql.js'

/*
 * The block data migrations of Prefect 2.0b8–2.0 (SQLite e2dae764a603, 061c7e518b40,
 * 628a873f0d1a, f335f9633eec; PostgreSQL 4cdc2ba709a4, e905fd199258, bb4dc90d3e29, 4ff2f2bf81f4),
 * the same on both dialects but for the JSON column type and the ON DELETE rules, which SQLite
 * revisions apply themselves (see applySqliteDeleteRules).
 */

/** A JSON value as the dialect's column takes it in a bound parameter. */
function jsonParameter({dialect}: MigrationContext): string {
  return dialect === 'postgresql' ? 'CAST(? AS jsonb)' : '?'
}

/** A JSON column read as text, so that numbers keep the form Python would see. */
function jsonText({dialect}: MigrationContext, column: string): string {
  return dialect === 'postgresql' ? `${column}::text` : column
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
      await knex.raw(
        `INSERT INTO block_schema (checksum, fields, block_type_id, capabilities) VALUES (?, ${jsonParameter(context)}, ?, ${jsonParameter(context)})`,
        [move.newChecksum, pyDumps(toPyJson(move.fields)), blockTypeId, pyDumps(toPyJson(move.capabilities))],
      )
      newId = await idOf('SELECT id FROM block_schema WHERE checksum = ? LIMIT 1', move.newChecksum)
    }

    await knex.raw('UPDATE block_document SET block_schema_id = ? WHERE block_schema_id = ?', [newId!, oldId])
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
  if (!(fields instanceof PyObject)) return fields
  // A dict built key by key: a key set again keeps its first place.
  const entries: Array<[string, PyJson]> = []
  const set = (key: string, value: PyJson) => {
    const at = entries.findIndex(([k]) => k === key)
    if (at >= 0) entries[at] = [key, value]
    else entries.push([key, value])
  }

  for (const [key, value] of fields.entries) {
    if (key === 'block_type_name') set('block_type_slug', slugify(pythonStr(value)))
    else set(key, value)
  }

  return new PyObject(entries)
}

/** str() of a JSON value as Python would print it, for the rare non-string block_type_name. */
function pythonStr(value: PyJson): string {
  if (typeof value === 'string') return value
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  return pyDumps(value)
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
      `SELECT id, ${jsonText(context, 'fields')} AS fields FROM block_schema WHERE block_type_id = ? ORDER BY id`,
      [type.id],
    )
    for (const schema of schemas) {
      const fields = replaceNameWithSlug(parsePyJson(schema.fields))
      await knex.raw(`UPDATE block_schema SET fields = ${jsonParameter(context)}, checksum = ? WHERE id = ?`, [
        pyDumps(fields),
        blockSchemaChecksum(fields),
        schema.id,
      ])
    }
  }
}
