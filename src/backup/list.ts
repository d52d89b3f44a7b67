import fs from 'node:fs'
import path from 'node:path'

import {type BackupManifest, readManifest, sidecarOf} from './manifest.js'

export interface BackupEntry {
  path: string
  /** The source's revision; null when the sidecar is missing or unreadable. */
  revision: string | null
  dialect: BackupManifest['source']['dialect'] | null
  kind: BackupManifest['kind'] | null
  /** The backup file's size in bytes. */
  bytes: number
  created: string
  ageSeconds: number
  /** The destructive command it was taken before, or null (taken by `backup`). */
  automatic: string | null
  /** Why the sidecar could not be read, if it could not (such a backup cannot be restored). */
  problem: string | null
}

/** The backups in a directory (files with a sidecar, or named like one), oldest first. */
export function listBackups(directory: string, now = new Date()): BackupEntry[] {
  if (!fs.existsSync(directory)) return []
  const entries: BackupEntry[] = []
  for (const name of fs.readdirSync(directory)) {
    const file = path.join(directory, name)
    if (name.startsWith('.') || name.endsWith('.json') || !fs.statSync(file).isFile()) continue
    const named = /^prefect-.*\.(db|dump)$/.test(name)
    if (!named && !fs.existsSync(sidecarOf(file))) continue
    const stat = fs.statSync(file)
    let manifest: BackupManifest | null = null
    let problem: string | null = null
    try {
      manifest = readManifest(file)
    } catch (error) {
      problem = (error as Error).message
    }

    const created = manifest?.created ?? stat.mtime.toISOString()
    entries.push({
      path: file,
      revision: manifest?.source.revision ?? null,
      dialect: manifest?.source.dialect ?? null,
      kind: manifest?.kind ?? null,
      bytes: stat.size,
      created,
      ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(created)) / 1000)),
      automatic: manifest?.automatic ?? null,
      problem,
    })
  }

  return entries.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.path < b.path ? -1 : 1))
}

/**
 * Remove the oldest backups so that `keep` remain (of the automatic ones only, with
 * `automaticOnly`); a backup goes with its sidecar. Returns the paths removed.
 */
export function pruneBackups(directory: string, keep: number, options: {automaticOnly?: boolean} = {}): string[] {
  const candidates = listBackups(directory).filter((entry) => !options.automaticOnly || entry.automatic !== null)
  const removed = candidates.slice(0, Math.max(0, candidates.length - keep)).map((entry) => entry.path)
  for (const file of removed) {
    fs.rmSync(sidecarOf(file), {force: true})
    fs.rmSync(file, {force: true})
  }

  return removed
}
