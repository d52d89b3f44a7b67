import {setSettings} from '../config/config-service.js'
import {viewSettings} from '../config/config-view.js'
import {listProfiles, useProfile} from '../config/profile-service.js'
import type {ResolveOptions} from '../config/types.js'
import {out, printWarning, successLine} from '../ui/output.js'

import {jsonOutput} from './json-output.js'

/**
 * What `config view`, `config set`, `profile ls` and `profile use` do once their arguments are
 * parsed: the oclif commands and bin/run.js's settings lane (fast-settings.ts) both run these, so
 * the two answer alike. `say` prints one human line.
 */
export type Say = (line: string) => void

export interface ConfigViewFlags {
  'show-defaults'?: boolean
  'show-secrets'?: boolean
  'hide-sources'?: boolean
  output?: string
}

export async function configView(flags: ConfigViewFlags, options: ResolveOptions, say: Say): Promise<void> {
  const json = jsonOutput(flags.output)
  const view = await viewSettings({...options, showDefaults: flags['show-defaults'] === true, showSecrets: flags['show-secrets'] === true})
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

  say(lines.join('\n'))
}

export async function configSet(assignments: string[], options: ResolveOptions, say: Say): Promise<void> {
  const result = await setSettings(assignments, options)
  for (const change of result.changes) {
    say(`Set '${change.name}' to '${change.shownValue}'.`)
    if (change.overriddenByEnv) {
      printWarning(
        `${change.name} is also set by an environment variable which will override your config value. Run \`unset ${change.name}\` to clear it.`,
      )
    }
  }

  say(successLine(`Updated profile '${result.profile}'.`))
}

export async function profileLs(output: string | undefined, options: ResolveOptions, say: Say): Promise<void> {
  const json = jsonOutput(output)
  const profiles = await listProfiles(options)
  if (json) {
    process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`)
    return
  }

  const lines = ['Available Profiles:']
  for (const {name, active} of profiles) lines.push(active ? out().green(`  * ${name}`) : `  ${name}`)
  lines.push('', '* active profile')
  say(lines.join('\n'))
}

export async function profileUse(name: string, options: ResolveOptions, say: Say): Promise<void> {
  const result = await useProfile(name, options)
  say(successLine(`Switched to profile '${result.profile}'.`))
  if (result.databaseUrl !== null) say(`Database: ${result.databaseUrl}`)
  if (result.problem !== null) printWarning(`The profile's database settings are not usable: ${result.problem}`)
}
