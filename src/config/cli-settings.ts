import {contextValue, settingsContext} from './resolve.js'
import type {ResolvedSettings, ResolveOptions} from './types.js'

/** PREFECT_CLI_PROMPT: true forces prompts, false forbids them, null means "detect a terminal". */
export function cliPrompt(settings: ResolvedSettings): boolean | null {
  const value = settings.get('PREFECT_CLI_PROMPT')
  return typeof value === 'boolean' ? value : null
}

/** Whether to ask optional questions (Prefect asks them only on an interactive console). */
export function isInteractive(prompt: boolean | null): boolean {
  return prompt ?? Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

/**
 * A question Prefect asks only on an interactive console: without one (or with
 * PREFECT_CLI_PROMPT=false) the command goes ahead, as Prefect's does.
 */
export function askIfInteractive(action: string): (message: string, prompt: boolean | null) => Promise<boolean> {
  return async (message, prompt) => {
    if (!isInteractive(prompt)) return true
    const {confirm} = await import('../ui/prompt.js')
    return confirm(message, {yes: false, action, prompt})
  }
}

/** PREFECT_CLI_PROMPT alone, without validating every other setting. */
export async function resolvePromptSetting(options: ResolveOptions): Promise<boolean | null> {
  const context = await settingsContext(options)
  return contextValue(context, 'PREFECT_CLI_PROMPT', options.profile !== undefined) as boolean | null
}
