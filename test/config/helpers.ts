import fs from 'node:fs'
import path from 'node:path'

import {tempDir} from '../harness/tmp.js'

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'profiles')

/** A fresh PREFECT_HOME, an empty working directory, and a warning collector. */
export function sandbox(): {home: string; cwd: string; warnings: string[]; warn: (m: string) => void; profiles: string} {
  const root = tempDir('config-')
  const home = path.join(root, 'home', '.prefect')
  const cwd = path.join(root, 'cwd')
  fs.mkdirSync(cwd, {recursive: true})
  const warnings: string[] = []
  return {home, cwd, warnings, warn: (message) => warnings.push(message), profiles: path.join(home, 'profiles.toml')}
}

export function writeFile(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), {recursive: true})
  fs.writeFileSync(file, content)
}
