import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {inspectProfile} from '../../config/profile-service.js'
import {UsageError} from '../../errors.js'

export default class ProfileInspect extends BaseCommand<typeof ProfileInspect> {
  static override description = 'Display settings from a given profile; defaults to the active profile. Secrets show as ********.'
  static override aliases = ['profiles:inspect']
  static override args = {name: Args.string({description: 'Profile to inspect.'})}
  static override flags = {
    output: Flags.string({char: 'o', description: "Output format: 'json'."}),
  }

  async run(): Promise<void> {
    const json = this.flags.output === 'json'
    if (this.flags.output !== undefined && !json) throw new UsageError("Only 'json' output format is supported.")
    const result = await inspectProfile(this.args.name, {profile: this.flags.profile})
    if (json) {
      process.stdout.write(`${JSON.stringify(result.settings, null, 2)}\n`)
      return
    }

    if (result.defaulted) process.stderr.write(`No name provided, defaulting to '${result.profile}'\n`)
    const entries = Object.entries(result.settings)
    if (entries.length === 0) {
      process.stdout.write(`Profile '${result.profile}' is empty.\n`)
      return
    }

    process.stdout.write(`${entries.map(([key, value]) => `${key}='${value}'`).join('\n')}\n`)
  }
}
