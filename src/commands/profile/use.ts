import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {useProfile} from '../../config/profile-service.js'
import {printWarning, successLine} from '../../ui/output.js'

export default class ProfileUse extends BaseCommand<typeof ProfileUse> {
  static override description = 'Set the given profile to active and show the database it points at.'
  static override aliases = ['profiles:use']
  static override args = {name: Args.string({description: 'Profile to make active.', required: true})}

  async run(): Promise<void> {
    const result = await useProfile(this.args.name, this.settingsOptions())
    this.say(successLine(`Switched to profile '${result.profile}'.`))
    if (result.databaseUrl !== null) this.say(`Database: ${result.databaseUrl}`)
    if (result.problem !== null) printWarning(`The profile's database settings are not usable: ${result.problem}`)
  }
}
