import {Chalk, type ChalkInstance} from 'chalk'

import {maskSecrets} from '../mask.js'

/**
 * Colour is decided once per stream: only on a terminal, never with NO_COLOR set or
 * PREFECT_CLI_COLORS=false. Everything that colours goes through here.
 */
function colourFor(stream: NodeJS.WriteStream): ChalkInstance {
  const disabled =
    process.env.NO_COLOR !== undefined ||
    /^(false|0|no|off)$/i.test(process.env.PREFECT_CLI_COLORS ?? '') ||
    !stream.isTTY
  return new Chalk({level: disabled ? 0 : 1})
}

let stdoutColour: ChalkInstance | undefined
let stderrColour: ChalkInstance | undefined

export function out(): ChalkInstance {
  stdoutColour ??= colourFor(process.stdout)
  return stdoutColour
}

export function err(): ChalkInstance {
  stderrColour ??= colourFor(process.stderr)
  return stderrColour
}

/** Turn colour off for the rest of the run (PREFECT_CLI_COLORS=false from a profile). */
export function disableColour(): void {
  stdoutColour = new Chalk({level: 0})
  stderrColour = new Chalk({level: 0})
}

export function errorLine(message: string): string {
  return err().red(message)
}

export function warningLine(message: string): string {
  return err().yellow(message)
}

export function successLine(message: string): string {
  return out().green(message)
}

export function printWarning(message: string): void {
  process.stderr.write(`${warningLine(maskSecrets(message))}\n`)
}
