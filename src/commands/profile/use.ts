import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {profileUse} from '../../cli/settings-commands.js'

export default class ProfileUse extends BaseCommand<typeof ProfileUse> {
  static override description = 'Set the given profile to active and show the database it points at.'
  static override aliases = ['profiles:use']
  static override args = {name: Args.string({description: 'Profile to make active.', required: true})}

  // The same body runs in bin/run.js's settings lane (src/cli/fast-settings.ts).
  async run(): Promise<void> {
    await profileUse(this.args.name, this.settingsOptions(), (line) => this.say(line))
  }
}
