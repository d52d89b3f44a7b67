import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {askIfInteractive} from '../../cli/prompt-policy.js'
import {deleteProfile} from '../../config/profile-service.js'
import {successLine} from '../../ui/output.js'

export default class ProfileDelete extends BaseCommand<typeof ProfileDelete> {
  static override description = 'Delete the given profile.'
  static override aliases = ['profiles:delete']
  static override args = {name: Args.string({description: 'Profile to delete.', required: true})}

  async run(): Promise<void> {
    await deleteProfile(this.args.name, askIfInteractive('delete a profile'), this.settingsOptions())
    this.say(successLine(`Removed profile '${this.args.name}'.`))
  }
}
