import {UsageError} from '../errors.js'

/** Whether `-o` asked for JSON; any other format is a usage error. (Apart from flags.ts: no oclif here.) */
export function jsonOutput(output: string | undefined): boolean {
  if (output !== undefined && output !== 'json') throw new UsageError("Only 'json' output format is supported.")
  return output === 'json'
}
