import type {ResolveOptions} from '../config/types.js'
import {disableColour, printWarning} from '../ui/output.js'

/** The global flags every command has (BaseCommand.baseFlags). */
export interface GlobalFlags {
  profile?: string
  prompt?: boolean
}

/**
 * How the CLI asks the settings resolver: --profile and --prompt as options, warnings printed on
 * stderr, and PREFECT_CLI_COLORS=false (from any source) turning colour off for the run.
 */
export function settingsOptions(flags: GlobalFlags): ResolveOptions {
  return {profile: flags.profile, prompt: flags.prompt, warn: printWarning, onColourOff: disableColour}
}
