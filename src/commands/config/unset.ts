import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {yesFlag} from '../../cli/flags.js'
import {askIfInteractive} from '../../cli/prompt-policy.js'
import {unsetSettings} from '../../config/config-service.js'
import {printWarning, successLine} from '../../ui/output.js'

export default class ConfigUnset extends BaseCommand<typeof ConfigUnset> {
  static override description = 'Restore the default value for a setting by removing it from the current profile.'
  static override examples = ['<%= config.bin %> config unset PREFECT_SERVER_DATABASE_CONNECTION_URL -y']
  static override strict = false
  static override args = {
    settings: Args.string({description: 'One or more setting names.', required: true}),
  }

  static override flags = {
    yes: yesFlag(),
  }

  async run(): Promise<void> {
    const {argv} = await this.parse(ConfigUnset)
    const result = await unsetSettings(argv as string[], {
      ...this.settingsOptions(),
      yes: this.flags.yes,
      ask: askIfInteractive('unset settings'),
    })
    for (const change of result.changes) {
      this.say(`Unset '${change.name}'.`)
      if (change.overriddenByEnv) {
        printWarning(`'${change.name}' is also set by an environment variable. Use \`unset ${change.name}\` to clear it.`)
      }
    }

    this.say(successLine(`Updated profile '${result.profile}'.`))
  }
}
