import {Args, Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {createProfile} from '../../config/profile-service.js'

export default class ProfileCreate extends BaseCommand<typeof ProfileCreate> {
  static override description = 'Create a new profile.'
  static override aliases = ['profiles:create']
  static override args = {name: Args.string({description: 'Name of the new profile.', required: true})}
  static override flags = {
    from: Flags.string({char: 'f', description: 'Copy the settings of this profile.'}),
  }

  async run(): Promise<void> {
    const {name} = this.args
    await createProfile(name, this.flags.from, this.settingsOptions())
    // As Prefect prints it: the name unquoted (`from name - foo`), None without --from.
    const from = this.flags.from ?? 'None'
    this.say(
      [
        'Created profile with properties:',
        `    name - '${name}'`,
        `    from name - ${from}`,
        '',
        'Use created profile for future, subsequent commands:',
        `    prefect profile use '${name}'`,
        '',
        'Use created profile temporarily for a single command:',
        `    prefect -p '${name}' config view`,
      ].join('\n'),
    )
  }
}
