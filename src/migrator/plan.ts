import {RevisionError} from '../errors.js'
import type {Chain, ChainEntry} from './chain.js'
import type {Direction} from './types.js'

export interface Step {
  /** Loaded by runSteps when it runs. */
  revision: ChainEntry
  direction: Direction
}

export interface Plan {
  direction: Direction
  /** Positions in the chain: -1 is base. */
  from: number
  to: number
  steps: Step[]
}

/**
 * Where `upgrade -r ARG` leads from `current`: `head` (default), `+N`, or a revision (id or
 * unique prefix). Already there → an empty plan (success). Below the current one → error.
 */
export function planUpgrade(chain: Chain, current: number, argument = 'head'): Plan {
  const text = argument.trim()
  let to: number
  if (/^\+\d+$/.test(text)) {
    to = current + Number(text.slice(1))
    if (to > chain.headIndex) {
      const above = chain.headIndex - current
      throw new RevisionError(`Cannot upgrade ${text}: there ${above === 1 ? 'is' : 'are'} only ${above} revision${above === 1 ? '' : 's'} above the current one (${label(chain, current)}).`, 'Use -r head to upgrade to the newest.')
    }
  } else if (/^-\d+$/.test(text)) {
    throw new RevisionError(`'${text}' is a relative downgrade.`, `Use 'prefect server database downgrade -r ${text}'.`)
  } else {
    to = chain.resolve(text)
    if (to < current) {
      throw new RevisionError(`Revision ${label(chain, to)} is below the current revision ${label(chain, current)}.`, `Use 'prefect server database downgrade -r ${chain.idAt(to) ?? 'base'}'.`)
    }
  }

  const steps = chain.revisions.slice(current + 1, to + 1).map((revision) => ({revision, direction: 'upgrade' as const}))
  return {direction: 'upgrade', from: current, to, steps}
}

/**
 * Where `downgrade -r ARG` leads: `-1` (default), `-N`, `base`, or a revision. Downgrading
 * past base, or to a revision above the current one, is an error; `-N` at base is an error
 * ("nothing to downgrade"), while `base` at base is an empty plan.
 */
export function planDowngrade(chain: Chain, current: number, argument = '-1'): Plan {
  const text = argument.trim()
  let to: number
  if (/^-\d+$/.test(text)) {
    const count = Number(text.slice(1))
    if (current < 0 && count > 0) {
      throw new RevisionError('The database is at base (or does not exist yet): there is nothing to downgrade.', "Use 'prefect server database upgrade' first.")
    }

    to = current - count
    if (to < -1) {
      throw new RevisionError(`Cannot downgrade ${text}: only ${current + 1} revision${current === 0 ? ' is' : 's are'} applied (current: ${label(chain, current)}).`, 'Use -r base to downgrade everything.')
    }
  } else if (/^\+\d+$/.test(text)) {
    throw new RevisionError(`'${text}' is a relative upgrade.`, `Use 'prefect server database upgrade -r ${text}'.`)
  } else {
    to = chain.resolve(text)
    if (to > current) {
      throw new RevisionError(`Revision ${label(chain, to)} is above the current revision ${label(chain, current)}.`, `Use 'prefect server database upgrade -r ${chain.idAt(to)}'.`)
    }
  }

  const steps = chain.revisions
    .slice(to + 1, current + 1)
    .reverse()
    .map((revision) => ({revision, direction: 'downgrade' as const}))
  return {direction: 'downgrade', from: current, to, steps}
}

function label(chain: Chain, position: number): string {
  return chain.idAt(position) ?? 'base'
}
