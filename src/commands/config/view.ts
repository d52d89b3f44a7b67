import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {viewSettings} from '../../config/config-view.js'
import {UsageError} from '../../errors.js'

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
    output: Flags.string({char: 'o', description: "Output format: 'json'."}),
  }

  async run(): Promise<void> {
    const {flags} = this
    if (flags.output !== undefined && flags.output !== 'json') throw new UsageError("Only 'json' output format is supported.")
    const view = await viewSettings({
      profile: flags.profile,
      showDefaults: flags['show-defaults'],
      showSecrets: flags['show-secrets'],
    })
    const sources = !flags['hide-sources']
    if (flags.output === 'json') {
      const settings = view.settings.map(({name, value, source}) => (sources ? {name, value, source} : {name, value}))
      const body = {profile: view.profile, settings, ...(view.uiUrl ? {ui_url: view.uiUrl} : {})}
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`)
      return
    }

    const lines: string[] = []
    if (view.uiUrl) lines.push('🚀 you are connected to:', view.uiUrl)
    lines.push(`PREFECT_PROFILE='${view.profile}'`)
    for (const {name, value, source} of view.settings) lines.push(sources ? `${name}='${value}' (from ${source})` : `${name}='${value}'`)
    process.stdout.write(`${lines.join('\n')}\n`)
  }
}
