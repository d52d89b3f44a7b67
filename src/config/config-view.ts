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
  /**
   * The value as written in its source (a default as a person writes it: true, 10.0, P90D,
   * ["events"]), ******** for a hidden secret, or null when the setting is unset.
   */
  value: string | null
  source: SettingSource
}

export interface ConfigView {
  profile: string
  /** The PREFECT_API_URL setting, when set: where Prefect clients would connect (not contacted here). */
  apiUrl: string | null
  /** The UI URL when one is known: PREFECT_UI_URL, or derived from PREFECT_API_URL. */
  uiUrl: string | null
  uiUrlFrom: 'PREFECT_UI_URL' | 'PREFECT_API_URL' | null
  settings: ViewEntry[]
}

export async function viewSettings(options: ViewOptions): Promise<ConfigView> {
  const settings = await resolveSettings({...options, warnUnknownFileKeys: true})
  const entries: ViewEntry[] = []
  for (const setting of settings.all()) {
    if (setting.source === 'defaults' && !options.showDefaults) continue
    // An unset secret has nothing to hide: it shows as unset, not as ********.
    const value = setting.value === null ? null : setting.secret && !options.showSecrets ? MASK : setting.raw
    entries.push({name: setting.name, value, source: setting.source})
  }

  const api = settings.get('PREFECT_API_URL')
  const ui = settings.get('PREFECT_UI_URL')
  const apiUrl = typeof api === 'string' ? api : null
  const uiUrlFrom = typeof ui === 'string' ? 'PREFECT_UI_URL' : apiUrl === null ? null : 'PREFECT_API_URL'
  return {profile: settings.profileName, apiUrl, uiUrl: uiUrl(ui, apiUrl), uiUrlFrom, settings: entries}
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
