import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {setSettings} from '../../config/config-service.js'
import {printWarning, successLine} from '../../ui/output.js'

export default class ConfigSet extends BaseCommand<typeof ConfigSet> {
  static override description = 'Change the value for a setting by setting the value in the current profile.'
  static override examples = [
    '<%= config.bin %> config set PREFECT_SERVER_DATABASE_CONNECTION_URL="postgresql+asyncpg://prefect:secret@db:5432/prefect"',
    '<%= config.bin %> config set PREFECT_SERVER_DATABASE_TIMEOUT=60 PREFECT_SERVER_DATABASE_MIGRATION_TIMEOUT=600',
  ]

  static override strict = false
  static override args = {
    settings: Args.string({description: 'One or more VAR=VAL assignments.', required: true}),
  }

  async run(): Promise<void> {
    const {argv} = await this.parse(ConfigSet)
    const result = await setSettings(argv as string[], this.settingsOptions())
    for (const change of result.changes) {
      this.say(`Set '${change.name}' to '${change.shownValue}'.`)
      if (change.overriddenByEnv) {
        printWarning(
          `${change.name} is also set by an environment variable which will override your config value. Run \`unset ${change.name}\` to clear it.`,
        )
      }
    }

    this.say(successLine(`Updated profile '${result.profile}'.`))
  }
}
