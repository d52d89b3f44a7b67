import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {renameProfile} from '../../config/profile-service.js'
import {printWarning, successLine} from '../../ui/output.js'

export default class ProfileRename extends BaseCommand<typeof ProfileRename> {
  static override description = 'Change the name of a profile.'
  static override aliases = ['profiles:rename']
  static override args = {
    name: Args.string({description: 'Current name.', required: true}),
    'new-name': Args.string({description: 'New name.', required: true}),
  }

  async run(): Promise<void> {
    const {name, 'new-name': newName} = this.args
    const {envStillOld} = await renameProfile(name, newName, this.settingsOptions())
    if (envStillOld) {
      printWarning(
        `You have set your current profile to '${name}' with the PREFECT_PROFILE environment variable. You must update this variable to '${newName}' to continue using the profile.`,
      )
    }

    this.say(successLine(`Renamed profile '${name}' to '${newName}'.`))
  }
}
