import {Command, Flags, type Interfaces} from '@oclif/core'

import {ExitCode, UsageError, isPrefectError} from './errors.js'
import {maskSecrets} from './ui/mask.js'
import {errorLine} from './ui/output.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/**
 * Every command's parent: the global --profile flag, and one error policy. Expected failures
 * (PrefectError) print one line on stderr and exit with their documented code; parse errors
 * exit USAGE; anything else is a bug and exits INTERNAL, still without a stack trace unless
 * PREFECT_DEBUG_MODE is set.
 */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override baseFlags = {
    profile: Flags.string({
      char: 'p',
      description: "Use this profile for this run; its values then beat environment variables.",
      helpGroup: 'GLOBAL',
    }),
    prompt: Flags.boolean({
      allowNo: true,
      description: 'Force interactive prompts on (--prompt) or off (--no-prompt); default: PREFECT_CLI_PROMPT, else ask only on a terminal.',
      helpGroup: 'GLOBAL',
    }),
  }

  protected flags!: BaseFlags<T>
  protected args!: BaseArgs<T>

  public override async init(): Promise<void> {
    await super.init()
    try {
      const {args, flags} = await this.parse({
        args: this.ctor.args,
        baseFlags: (super.ctor as typeof BaseCommand).baseFlags,
        enableJsonFlag: this.ctor.enableJsonFlag,
        flags: this.ctor.flags,
        strict: this.ctor.strict,
      })
      this.flags = flags as BaseFlags<T>
      this.args = args as BaseArgs<T>
      // As in Prefect, --prompt/--no-prompt is the PREFECT_CLI_PROMPT setting for this run.
      if (flags.prompt !== undefined) process.env.PREFECT_CLI_PROMPT = String(flags.prompt)
    } catch (error) {
      if (isPrefectError(error) || !(error instanceof Error)) throw error
      throw new UsageError(`${parseErrorLine(error.message)}.`, `See '${this.commandLine()} --help'.`)
    }
  }

  /** `prefect server database upgrade`, as the user typed it. */
  protected commandLine(): string {
    return [this.config.bin, ...(this.id ?? '').split(':')].filter(Boolean).join(' ')
  }

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<never> {
    if (error.oclif?.exit !== undefined && error.name === 'ExitError') throw error
    const json = this.jsonRequested()
    let code: number
    let message: string
    if (isPrefectError(error)) {
      code = error.exitCode
      message = error.line
    } else if (error.oclif?.exit !== undefined) {
      code = ExitCode.USAGE
      message = `${parseErrorLine(error.message)}. See '${this.commandLine()} --help'.`
    } else {
      code = ExitCode.INTERNAL
      message = `An unexpected error occurred: ${firstLine(error.message)}. This is a bug; please report it.`
      if (process.env.PREFECT_DEBUG_MODE) process.stderr.write(`${maskSecrets(error.stack ?? '')}\n`)
    }

    message = maskSecrets(message)
    if (json) {
      process.stdout.write(`${JSON.stringify({error: {message, exitCode: code, type: error.name}}, null, 2)}\n`)
    } else {
      process.stderr.write(`${errorLine(message)}\n`)
    }

    return this.exit(code)
  }

  /** Whether the user asked for machine output (--json or -o json). */
  protected jsonRequested(): boolean {
    return this.argv.includes('--json') || /(^|\s)(-o|--output)(=|\s)json(\s|$)/.test(this.argv.join(' '))
  }
}

/**
 * oclif's parse errors span several lines ("Missing 1 required arg:\nrevision  Revision…\nSee
 * more help with --help"); make one line of them that still names the argument or flag.
 */
function parseErrorLine(message: string): string {
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

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? text
}
