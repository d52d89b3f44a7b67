import {ConfirmationRequiredError} from '../errors.js'

export interface ConfirmOptions {
  /** -y/--yes was given: do not ask. */
  yes: boolean
  /** What would be refused without a terminal, e.g. 'upgrade the database'. */
  action: string
  /** PREFECT_CLI_PROMPT: true forces prompting, false forbids it, null detects a terminal. */
  prompt?: boolean | null
}

/**
 * Ask before a destructive step. With -y there is no question. Without a terminal (or with
 * PREFECT_CLI_PROMPT=false) we fail fast with ConfirmationRequiredError instead of hanging or
 * crashing on a closed stdin, as Prefect does.
 */
export async function confirm(message: string, options: ConfirmOptions): Promise<boolean> {
  if (options.yes) return true
  const interactive = options.prompt ?? Boolean(process.stdin.isTTY && process.stderr.isTTY)
  if (!interactive || options.prompt === false) throw new ConfirmationRequiredError(options.action)
  const {confirm: ask} = await import('@inquirer/prompts')
  try {
    return await ask({message, default: false}, {output: process.stderr})
  } catch (error) {
    // Forced to prompt (PREFECT_CLI_PROMPT=true) with no terminal to read: the same refusal
    // as without a terminal, not a silent "no".
    if (!process.stdin.isTTY) throw new ConfirmationRequiredError(options.action)
    // Ctrl-C or a closed terminal while asking: treat as "no".
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return false
    throw error
  }
}
