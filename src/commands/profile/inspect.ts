import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {jsonOutput, outputFlag} from '../../cli/flags.js'
import {inspectProfile} from '../../config/profile-service.js'

export default class ProfileInspect extends BaseCommand<typeof ProfileInspect> {
  static override description = 'Display settings from a given profile; defaults to the active profile. Secrets show as ********.'
  static override aliases = ['profiles:inspect']
  static override args = {name: Args.string({description: 'Profile to inspect.'})}
  static override flags = {
    output: outputFlag(),
  }

  async run(): Promise<void> {
    const json = jsonOutput(this.flags.output)
    const result = await inspectProfile(this.args.name, this.settingsOptions())
    if (json) {
      process.stdout.write(`${JSON.stringify(result.settings, null, 2)}\n`)
      return
    }

    if (result.defaulted) process.stderr.write(`No name provided, defaulting to '${result.profile}'\n`)
    const entries = Object.entries(result.settings)
    if (entries.length === 0) {
      this.say(`Profile '${result.profile}' is empty.`)
      return
    }

    this.say(entries.map(([key, value]) => `${key}='${value}'`).join('\n'))
  }
}
