import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {jsonOutput, outputFlag} from '../../cli/flags.js'
import {viewSettings} from '../../config/config-view.js'

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

  async run(): Promise<void> {
    const {flags} = this
    const json = jsonOutput(flags.output)
    const view = await viewSettings({
      ...this.settingsOptions(),
      showDefaults: flags['show-defaults'],
      showSecrets: flags['show-secrets'],
    })
    const sources = !flags['hide-sources']
    if (json) {
      const settings = view.settings.map(({name, value, source}) => (sources ? {name, value, source} : {name, value}))
      const body = {profile: view.profile, settings, ...(view.apiUrl ? {api_url: view.apiUrl} : {}), ...(view.uiUrl ? {ui_url: view.uiUrl} : {})}
      process.stdout.write(`${JSON.stringify(body, null, 2)}\n`)
      return
    }

    // What the settings say, not a connection: this command contacts nothing.
    const lines: string[] = []
    if (view.apiUrl) lines.push(`API URL (the PREFECT_API_URL setting; not contacted): ${view.apiUrl}`)
    if (view.uiUrl) lines.push(`UI URL (${view.uiUrlFrom === 'PREFECT_UI_URL' ? 'the PREFECT_UI_URL setting' : 'from PREFECT_API_URL'}): ${view.uiUrl}`)
    lines.push(`PREFECT_PROFILE='${view.profile}'`)
    for (const {name, value, source} of view.settings) {
      const shown = value === null ? `${name} is unset` : `${name}='${value}'`
      lines.push(sources ? `${shown} (from ${source})` : shown)
    }
    this.say(lines.join('\n'))
  }
}
