import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {outputFlag} from '../../cli/flags.js'
import {configView} from '../../cli/settings-commands.js'

export default class ConfigView extends BaseCommand<typeof ConfigView> {
  static override description = 'Display the current settings and where each value comes from.'
  static override examples = ['<%= config.bin %> config view --show-defaults', '<%= config.bin %> config view -o json']
  static override flags = {
    'show-defaults': Flags.boolean({description: 'Include settings left at their default.', exclusive: ['hide-defaults']}),
    'hide-defaults': Flags.boolean({description: 'Leave out settings at their default (the default).'}),
    'show-sources': Flags.boolean({description: 'Show where each value comes from (the default).', exclusive: ['hide-sources']}),
    'hide-sources': Flags.boolean({description: 'Do not show where each value comes from.'}),
    'show-secrets': Flags.boolean({description: 'Show secret values instead of ********.', exclusive: ['hide-secrets']}),
    'hide-secrets': Flags.boolean({description: 'Show secrets as ******** (the default).'}),
    output: outputFlag(),
  }

  // The same body runs in bin/run.js's settings lane (src/cli/fast-settings.ts).
  async run(): Promise<void> {
    await configView(this.flags, this.settingsOptions(), (line) => this.say(line))
  }
}
