import {AbortedError} from '../errors.js'
import {confirm} from '../ui/prompt.js'

/**
 * The CLI's prompt policy. The value comes from the settings (PREFECT_CLI_PROMPT, with --prompt /
 * --no-prompt given to the resolver as an option): true forces prompts, false forbids them, null
 * means "ask only on a terminal".
 */

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
    return confirm(message, {yes: false, action, prompt})
  }
}

/**
 * Prefect's confirmation: skipped with -y; without a terminal ConfirmationRequiredError
 * (exit 7, never a hang); a "no" ends the command with Prefect's abort line (exit 1).
 */
export async function confirmOrAbort(question: string, options: {yes: boolean; action: string; prompt: boolean | null; aborted: string}): Promise<void> {
  const confirmed = await confirm(question, {yes: options.yes, action: options.action, prompt: options.prompt})
  if (!confirmed) throw new AbortedError(options.aborted)
}
