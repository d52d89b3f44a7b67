import {DATABASE_SETTINGS} from './registry-database.js'
import {define, type SettingAlias, type SettingDefinition} from './setting-types.js'

export type {SettingDefinition, SettingType} from './setting-types.js'

const DAY = 86_400

const GENERAL_SETTINGS: SettingDefinition[] = [
  define('home', {type: 'path', default: '~/.prefect', description: 'Where Prefect keeps its files.'}),
  define('profiles_path', {
    type: 'path',
    default: '$PREFECT_HOME/profiles.toml',
    description: 'The profiles file.',
  }),
  define('api.url', {type: 'url', description: 'The Prefect API URL.'}),
  define('api.key', {type: 'string', secret: true, description: 'The Prefect Cloud API key.'}),
  define('api.auth_string', {type: 'string', secret: true, description: 'Basic-auth string for a self-hosted server.'}),
  define('api.tls_insecure_skip_verify', {type: 'bool', default: false, description: 'Skip TLS verification of the API.'}),
  define('ui.url', {type: 'url', description: 'The Prefect UI URL.'}),
  define('cli.prompt', {type: 'bool', nullable: true, description: 'Force prompts on or off; unset: detect a terminal.'}),
  define('cli.colors', {type: 'bool', default: true, description: 'Colour in CLI output.'}),
  define('cli.wrap_lines', {type: 'bool', default: true, description: 'Wrap long lines in CLI output.'}),
  define('server.api.host', {type: 'string', default: '127.0.0.1', description: 'Host the server binds to.'}),
  define('server.api.port', {type: 'int', default: 4200, min: 1, max: 65_535, description: 'Port the server binds to.'}),
  define('server.api.auth_string', {type: 'string', secret: true, description: 'Basic-auth string the server requires.'}),
  define('server.ephemeral.enabled', {
    type: 'bool',
    default: false,
    aliases: ['PREFECT_SERVER_ALLOW_EPHEMERAL_MODE'],
    description: 'Run an ephemeral server when no API URL is set.',
  }),
]

const VACUUM_SETTINGS: SettingDefinition[] = [
  define('server.services.db_vacuum.enabled', {
    type: 'set',
    default: ['events'],
    choices: ['events', 'flow_runs'],
    description: 'Which vacuum jobs run (events, flow_runs); legacy true = both, false = events.',
  }),
  define('server.services.db_vacuum.loop_seconds', {type: 'float', default: 3600, positive: true, description: 'Seconds between vacuum runs.'}),
  define('server.services.db_vacuum.retention_period', {
    type: 'duration',
    default: 90 * DAY,
    min: 3600,
    description: 'How long old data is kept (seconds or ISO 8601, at least one hour).',
  }),
  define('server.services.db_vacuum.batch_size', {type: 'int', default: 200, min: 1, description: 'Rows deleted per batch.'}),
  define('server.services.db_vacuum.event_retention_overrides', {
    type: 'json',
    default: {'prefect.flow-run.heartbeat': 7 * DAY},
    description: 'Per-event-type retention in seconds, as a JSON object.',
  }),
  define('server.events.retention_period', {
    type: 'duration',
    default: 7 * DAY,
    aliases: ['PREFECT_EVENTS_RETENTION_PERIOD'],
    description: 'How long events are kept (seconds or ISO 8601).',
  }),
  define('server.services.event_persister.enabled', {
    type: 'bool',
    default: true,
    aliases: ['PREFECT_API_SERVICES_EVENT_PERSISTER_ENABLED'],
    description: 'Whether the server persists events; false also turns off event vacuuming.',
  }),
]

export const SETTINGS: readonly SettingDefinition[] = [...GENERAL_SETTINGS, ...DATABASE_SETTINGS, ...VACUUM_SETTINGS]

const byName = new Map<string, {definition: SettingDefinition; alias?: SettingAlias}>()
for (const definition of SETTINGS) {
  byName.set(definition.name, {definition})
  for (const alias of definition.aliases) byName.set(alias.name, {definition, alias})
}

/** Look a name up among canonical names and legacy aliases (case-sensitive, as Prefect). */
export function findSetting(name: string): {definition: SettingDefinition; alias?: SettingAlias} | undefined {
  return byName.get(name)
}

export function settingByName(name: string): SettingDefinition {
  const found = byName.get(name)
  if (!found) throw new Error(`No setting named ${name}`)
  return found.definition
}

/** Every name `config set` accepts: canonical names plus aliases. */
export function validSettingNames(): string[] {
  return [...byName.keys()]
}
