import {ExitCode, isPrefectError} from '../errors.js'
import {maskSecrets} from '../mask.js'
import {errorLine} from '../ui/output.js'

/**
 * How a failed command ends, for BaseCommand.catch and the start-up lane alike: expected failures
 * (PrefectError) print one line on stderr (or a JSON error object on stdout under --json) and give
 * their documented exit code; oclif's parse errors give USAGE; anything else is a bug (INTERNAL),
 * still without a stack trace unless PREFECT_DEBUG_MODE is set. Returns the exit code.
 */
export function reportFailure(error: Error & {oclif?: {exit?: number}}, context: {json: boolean; commandLine: string}): number {
  let code: number
  let message: string
  if (isPrefectError(error)) {
    code = error.exitCode
    message = error.line
  } else if (error.oclif?.exit !== undefined) {
    code = ExitCode.USAGE
    message = `${parseErrorLine(error.message)}. See '${context.commandLine} --help'.`
  } else {
    code = ExitCode.INTERNAL
    message = `An unexpected error occurred: ${firstNonBlankLine(error.message)}. This is a bug; please report it.`
    if (process.env.PREFECT_DEBUG_MODE) process.stderr.write(`${maskSecrets(error.stack ?? '')}\n`)
  }

  message = maskSecrets(message)
  if (context.json) {
    process.stdout.write(`${JSON.stringify({error: {message, exitCode: code, type: error.name}}, null, 2)}\n`)
  } else {
    process.stderr.write(`${errorLine(message)}\n`)
  }

  return code
}

/** Whether a command's arguments ask for machine output (--json or -o json): failures are then JSON on stdout. */
export function jsonRequested(argv: readonly string[]): boolean {
  return argv.includes('--json') || /(^|\s)(-o|--output)(=|\s)json(\s|$)/.test(argv.join(' '))
}

/**
 * oclif's parse errors span several lines ("Missing 1 required arg:\nrevision  Revision…\nSee
 * more help with --help"); make one line of them that still names the argument or flag.
 */
export function parseErrorLine(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^See more help/.test(line))
  const missing = /^Missing (\d+) required args?:?$/.exec(lines[0] ?? '')
  if (missing) return `Missing required argument: ${lines.slice(1).map((line) => line.split(/\s+/)[0]).join(', ')}`
  const parsing = /^Parsing (--\S+)$/.exec(lines[0] ?? '')
  if (parsing) return `Invalid value for ${parsing[1]}: ${lines.slice(1).join(' ').replace(/\.$/, '')}`
  return lines.join(' ').replace(/\.$/, '')
}

function firstNonBlankLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text
}
