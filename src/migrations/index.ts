import initialFlowsRunsAndStates from './2024_01_15_093012_5c178af9eb4c_initial_flows_runs_and_states.js'
import type {Revision} from './types.js'

/** Every revision of the schema, oldest first. Each file is listed here once, in chain order. */
export const revisions: Revision[] = [
  initialFlowsRunsAndStates,
]
