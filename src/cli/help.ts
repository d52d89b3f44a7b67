// oclif's help class (package.json oclif.helpClass), as the shipped CLI uses it: oclif's own, except
// that help for a command this tool does not have (`prefect server start --help`, `prefect help
// server start`) answers as running it does, through the command_not_found hook
// (src/hooks/command-not-found.ts), instead of oclif's `›   Error: Command server:start not found.`
import {Help} from '@oclif/core'

export default class PrefectHelp extends Help {
  override async showHelp(argv: string[]): Promise<void> {
    try {
      await super.showHelp(argv)
    } catch (error) {
      const missing = error instanceof Error ? /^Command (\S+) not found\.$/.exec(error.message) : null
      if (!missing) throw error
      const result = await this.config.runHook('command_not_found', {id: missing[1], argv: argv.filter((arg) => arg.startsWith('-'))})
      if (result.failures[0]) throw result.failures[0].error
      throw error
    }
  }
}
