import {Command, Flags, type Interfaces} from '@oclif/core'

import {settingsOptions} from './cli/settings.js'
import type {ResolveOptions} from './config/types.js'
import {jsonRequested, parseErrorLine, reportFailure} from './cli/failure.js'
import {UsageError, isPrefectError} from './errors.js'
import {printWarning} from './ui/output.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof BaseCommand)['baseFlags'] & T['flags']>
export type BaseArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/**
 * Every command's parent: the global --profile and --prompt flags, one output path for human
 * lines (say), the deprecation line of a deprecated alias, and one error policy. Expected failures
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
    } catch (error) {
      if (isPrefectError(error) || !(error instanceof Error)) throw error
      throw new UsageError(`${parseErrorLine(error.message)}.`, `See '${this.commandLine()} --help'.`)
    }
  }

  /**
   * How this run asks the settings resolver: --profile, and --prompt/--no-prompt (as in Prefect,
   * the PREFECT_CLI_PROMPT setting for this run), with warnings printed on stderr.
   */
  protected settingsOptions(): ResolveOptions {
    return settingsOptions(this.flags)
  }

  /** A human line on stdout; nothing under --json, where the result object is the output. */
  protected say(line: string): void {
    if (!this.jsonEnabled()) process.stdout.write(`${line}\n`)
  }

  /**
   * A deprecated alias (`prefect orion database upgrade`, see deprecateAliases) says so in one
   * line on stderr, in this tool's words rather than oclif's.
   */
  protected override warnIfCommandDeprecated(): void {
    const alias = this.typedAlias()
    if (alias !== undefined && this.ctor.deprecateAliases) {
      printWarning(`'${this.words(alias)}' is deprecated; use '${this.words(this.ctor.id ?? '')}' instead.`)
      return
    }

    super.warnIfCommandDeprecated()
  }

  /** The alias the command was run by (`orion:database:upgrade`), if it was run by one. */
  private typedAlias(): string | undefined {
    const argv = process.argv.slice(2)
    return [...(this.ctor.aliases ?? []), ...(this.ctor.hiddenAliases ?? [])].find((alias) => {
      const words = alias.split(':')
      return argv[0] === alias || words.every((word, i) => argv[i] === word)
    })
  }

  private words(id: string): string {
    return [this.config.bin, ...id.split(':')].filter(Boolean).join(' ')
  }

  /** `prefect server database upgrade`, as the user typed it (an alias as typed). */
  protected commandLine(): string {
    return this.words(this.typedAlias() ?? this.id ?? '')
  }

  protected override async catch(error: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<never> {
    // this.exit(code): oclif's ExitError (code EEXIT) carries the exit code; not an error to report.
    if (error.oclif?.exit !== undefined && (error.name === 'ExitError' || (error as {code?: string}).code === 'EEXIT')) throw error
    return this.exit(reportFailure(error, {json: this.jsonRequested(), commandLine: this.commandLine()}))
  }

  /** Whether the user asked for machine output (--json or -o json). */
  protected jsonRequested(): boolean {
    return jsonRequested(this.argv)
  }
}
