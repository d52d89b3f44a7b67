import initialBlocksAndConfiguration from './2024_01_15_101500_14d2c846dfca_initial_blocks_and_configuration.js'
import addWorkPoolsQueuesAndWorkers from './2024_01_29_154210_cb524455011f_add_work_pools_queues_and_workers.js'
import addConcurrencyLimits from './2024_02_12_082733_57544825f2f3_add_concurrency_limits.js'
import addArtifacts from './2024_02_26_113908_4183d65d8df3_add_artifacts.js'
import addFlowsRunsAndStates from './2024_03_04_093012_5c178af9eb4c_add_flows_runs_and_states.js'
import type {Revision} from './types.js'

/** Every revision of the schema, oldest first. Each file is listed here once, in chain order. */
export const revisions: Revision[] = [
  initialBlocksAndConfiguration,
  addWorkPoolsQueuesAndWorkers,
  addConcurrencyLimits,
  addArtifacts,
  addFlowsRunsAndStates,
]
