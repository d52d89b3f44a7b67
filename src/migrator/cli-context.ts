import {cliPrompt} from '../config/cli-settings.js'
import {databaseTarget, resolveSettings} from '../config/index.js'
import type {DatabaseTarget} from '../db/target.js'
import {AbortedError} from '../errors.js'
import {confirm} from '../ui/prompt.js'

export interface DatabaseContext {
  target: DatabaseTarget
  /** PREFECT_CLI_PROMPT: true forces prompting, false forbids it, null detects a terminal. */
  prompt: boolean | null
}

/** The database the `server database` commands work on, from the resolved settings. */
export async function databaseContext(profile: string | undefined): Promise<DatabaseContext> {
  const settings = await resolveSettings({profile})
  return {target: databaseTarget(settings), prompt: cliPrompt(settings)}
}

/**
 * Prefect's confirmation: skipped with -y; without a terminal ConfirmationRequiredError
 * (exit 7, never a hang); a "no" ends the command with Prefect's abort line (exit 1).
 */
export async function confirmOrAbort(question: string, options: {yes: boolean; action: string; prompt: boolean | null; aborted: string}): Promise<void> {
  const confirmed = await confirm(question, {yes: options.yes, action: options.action, prompt: options.prompt})
  if (!confirmed) throw new AbortedError(options.aborted)
}

/** --lock-timeout SECONDS: a non-negative number. */
export async function parseSeconds(input: string): Promise<number> {
  const value = Number(input)
  if (input.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`Expected a number of seconds, got '${input}'.`)
  return value
}
