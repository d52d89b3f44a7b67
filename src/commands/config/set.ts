import {Args} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {configSet} from '../../cli/settings-commands.js'

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

  // The same body runs in bin/run.js's settings lane (src/cli/fast-settings.ts).
  async run(): Promise<void> {
    const {argv} = await this.parse(ConfigSet)
    await configSet(argv as string[], this.settingsOptions(), (line) => this.say(line))
  }
}
