import {databaseTarget, type ResolvedSettings, resolveSettings} from '../config/index.js'
import type {DatabaseTarget} from '../db/target.js'
import {maskSecrets} from '../mask.js'
import {printWarning} from '../ui/output.js'
import {type GlobalFlags, settingsOptions} from './settings.js'

export interface DatabaseContext {
  target: DatabaseTarget
  /** PREFECT_CLI_PROMPT: true forces prompting, false forbids it, null detects a terminal. */
  prompt: boolean | null
  /** The engine's printing hooks: warnings on stderr, and PREFECT_SERVER_DATABASE_ECHO's statements. */
  hooks: {warn: (message: string) => void; onQuery?: (sql: string) => void}
  /** The settings the target came from (their warnings already told). */
  settings: ResolvedSettings
}

/**
 * The database the `server database` commands work on, from the resolved settings. The settings'
 * warnings go to `warn` (printed by default); the engine's, in hooks, are printed.
 */
export async function databaseContext(flags: GlobalFlags, warn: (message: string) => void = printWarning): Promise<DatabaseContext> {
  const settings = await resolveSettings({...settingsOptions(flags), warn})
  const target = databaseTarget(settings, warn)
  return {target, prompt: settings.prompt(), hooks: {warn: printWarning, onQuery: target.options.echo ? echoQuery : undefined}, settings}
}

/** PREFECT_SERVER_DATABASE_ECHO: every statement on stderr (masked), as SQLAlchemy's echo logs them. */
function echoQuery(sql: string): void {
  process.stderr.write(`${maskSecrets(sql)}\n`)
}
