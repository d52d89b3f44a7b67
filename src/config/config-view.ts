import {MASK} from './config-service.js'
import {resolveSettings} from './resolve.js'
import type {ResolveOptions, SettingSource} from './types.js'

/** `prefect config view`: the settings that are set, with their source, as Prefect lists them. */
export interface ViewOptions extends ResolveOptions {
  showDefaults: boolean
  showSecrets: boolean
}

export interface ViewEntry {
  name: string
  /** The raw value as a string (Python str()), or ******** for a hidden secret. */
  value: string
  source: SettingSource
}

export interface ConfigView {
  profile: string
  /** The UI URL when one is known (PREFECT_UI_URL, or derived from PREFECT_API_URL). */
  uiUrl: string | null
  settings: ViewEntry[]
}

export async function viewSettings(options: ViewOptions): Promise<ConfigView> {
  const settings = await resolveSettings(options)
  const entries: ViewEntry[] = []
  for (const setting of settings.all()) {
    if (setting.source === 'defaults' && !options.showDefaults) continue
    const value = setting.secret && !options.showSecrets ? MASK : setting.raw
    entries.push({name: setting.name, value, source: setting.source})
  }

  return {profile: settings.profileName, uiUrl: uiUrl(settings.get('PREFECT_UI_URL'), settings.get('PREFECT_API_URL')), settings: entries}
}

/** Prefect derives the UI URL from the API URL by dropping its /api suffix. */
function uiUrl(ui: unknown, api: unknown): string | null {
  if (typeof ui === 'string') return ui
  if (typeof api !== 'string') return null
  if (/^https:\/\/api\.prefect\.(cloud|dev)\//.test(api)) {
    return api.replace('https://api.', 'https://app.').replace('/api/accounts/', '/account/').replace('/workspaces/', '/workspace/')
  }

  return api.replace(/\/api\/?$/, '')
}
