import {BaseCommand} from '../../base-command.js'
import {validateProfile} from '../../config/config-service.js'
import {successLine} from '../../ui/output.js'

export default class ConfigValidate extends BaseCommand<typeof ConfigValidate> {
  static override description = 'Read and validate the current profile; legacy setting names are saved under their current names.'

  async run(): Promise<void> {
    await validateProfile(this.settingsOptions())
    this.say(successLine('Configuration valid!'))
  }
}
