import fs from 'node:fs'
import path from 'node:path'

import {parse} from 'dotenv'

/** The `.env` file of the current directory, parsed without touching process.env. */
export function readDotenv(cwd: string): Record<string, string> {
  const file = path.join(cwd, '.env')
  let content: string
  try {
    content = fs.readFileSync(file, 'utf8')
  } catch {
    return {}
  }

  return parse(content)
}
