import fs from 'node:fs'
import path from 'node:path'

import {ConfigError} from '../errors.js'
import {closestKey} from './suggest.js'

/**
 * prefect.toml and pyproject.toml [tool.prefect], found in the current directory only (Prefect
 * never searches parents). A settings file that is not valid TOML is a hard error, as in Prefect.
 */
export interface TomlSettingsFile {
  path: string
  label: 'prefect.toml' | 'pyproject.toml'
  data: Record<string, unknown>
}

async function tomlLoader(filepath: string, content: string): Promise<unknown> {
  try {
    const {parse: parseToml} = await import('smol-toml')
    return parseToml(content)
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new ConfigError(`Failed to load Prefect settings from ${filepath}: invalid TOML (${reason}).`, 'Fix the file or remove it.')
  }
}

async function search(fileName: string, cwd: string): Promise<{filepath: string; config: unknown} | null> {
  // Loaded only when there is a file to read: start-up is part of the product.
  if (!fs.existsSync(path.join(cwd, fileName))) return null
  const {cosmiconfig} = await import('cosmiconfig')
  const explorer = cosmiconfig('prefect', {
    searchPlaces: [fileName],
    searchStrategy: 'none',
    loaders: {'.toml': tomlLoader},
    cache: false,
  })
  try {
    return await explorer.search(cwd)
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(`Failed to load Prefect settings from ${path.join(cwd, fileName)}: ${(error as Error).message}.`)
  }
}

/** A TOML table (smol-toml gives plain objects; dates are objects too). */
export function isTomlTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
}

export async function loadTomlSettingsFiles(cwd: string): Promise<TomlSettingsFile[]> {
  const files: TomlSettingsFile[] = []
  const prefect = await search('prefect.toml', cwd)
  if (prefect && isTomlTable(prefect.config)) files.push({path: prefect.filepath, label: 'prefect.toml', data: prefect.config})
  const pyproject = await search('pyproject.toml', cwd)
  const tool = isTomlTable(pyproject?.config) ? pyproject.config.tool : undefined
  if (pyproject && isTomlTable(tool) && isTomlTable(tool.prefect)) {
    files.push({path: pyproject.filepath, label: 'pyproject.toml', data: tool.prefect})
  }

  return files
}

export interface RawValue {
  /** The text the typed value is parsed from. */
  text: string
  /** The value as `config view` prints it (as the file writes it: true, 7.5, ISO dates, JSON). */
  display: string
}

/** A value at an accessor path such as server.database.timeout, or undefined. */
export function tomlLookup(data: Record<string, unknown>, accessor: string): RawValue | undefined {
  let node: unknown = data
  for (const part of accessor.split('.')) {
    if (!isTomlTable(node)) return undefined
    node = node[part]
  }

  return node === undefined ? undefined : rawFromToml(node)
}

export function rawFromToml(value: unknown): RawValue {
  if (typeof value === 'string') return {text: value, display: value}
  if (typeof value === 'boolean') return {text: String(value), display: String(value)}
  if (typeof value === 'number' || typeof value === 'bigint') return {text: String(value), display: String(value)}
  if (value instanceof Date) return {text: value.toISOString(), display: value.toISOString()}
  const json = JSON.stringify(value)
  return {text: json, display: json}
}

export interface UnknownTomlKey {
  /** The key as written in the file, dotted (pyproject.toml's with its tool.prefect prefix). */
  key: string
  /** The known key it most likely meant, in the same form. */
  nearest: string
}

/**
 * Keys of a settings file that name no known setting but are a likely typo of one: a table
 * (`[server.databse]`) or a setting (`connection_ur`) one or two edits from a known name beside
 * it. Only known tables are searched further, so a misspelt table is reported once, not once per
 * key inside it. `knownPaths` are the settings' TOML accessor paths.
 */
export function unknownTomlKeys(file: TomlSettingsFile, knownPaths: readonly string[]): UnknownTomlKey[] {
  const leaves = new Set(knownPaths)
  const children = new Map<string, Set<string>>()
  for (const accessor of knownPaths) {
    const parts = accessor.split('.')
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('.')
      if (!children.has(parent)) children.set(parent, new Set())
      children.get(parent)!.add(parts[i])
    }
  }

  const prefix = file.label === 'pyproject.toml' ? 'tool.prefect.' : ''
  const found: UnknownTomlKey[] = []
  const walk = (table: Record<string, unknown>, parent: string): void => {
    const known = children.get(parent) ?? new Set<string>()
    for (const [name, value] of Object.entries(table)) {
      const accessor = parent === '' ? name : `${parent}.${name}`
      if (leaves.has(accessor)) continue
      if (known.has(name)) {
        if (isTomlTable(value)) walk(value, accessor)
        continue
      }

      const near = closestKey(name, known)
      if (near !== undefined) {
        const nearAccessor = parent === '' ? near : `${parent}.${near}`
        found.push({key: `${prefix}${accessor}`, nearest: `${prefix}${nearAccessor}`})
      }
    }
  }

  walk(file.data, '')
  return found
}
