import fs from 'node:fs'
import path from 'node:path'

/**
 * The `.env` file of the current directory, parsed without touching process.env. dotenv (which
 * loads node:crypto and its streams) loads only when there is a file to parse: start-up is part of
 * the product.
 */
export async function readDotenv(cwd: string): Promise<Record<string, string>> {
  const file = path.join(cwd, '.env')
  let content: string
  try {
    content = fs.readFileSync(file, 'utf8')
  } catch {
    return {}
  }

  // dotenv is CommonJS: its module.exports is the default export (also where the bundle puts it).
  const {default: dotenv} = await import('dotenv')
  return dotenv.parse(content)
}
