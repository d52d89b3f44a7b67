import initialBlocksAndConfiguration from './2024_01_15_101500_14d2c846dfca_initial_blocks_and_configuration.js'
import addWorkPoolsQueuesAndWorkers from './2024_01_29_154210_cb524455011f_add_work_pools_queues_and_workers.js'
import addConcurrencyLimits from './2024_02_12_082733_57544825f2f3_add_concurrency_limits.js'
import addArtifacts from './2024_02_26_113908_4183d65d8df3_add_artifacts.js'
import addFlowsRunsAndStates from './2024_03_04_093012_5c178af9eb4c_add_flows_runs_and_states.js'
import addLogs from './2024_03_18_160455_cd6ae0d4ed9d_add_logs.js'
import addDeployments from './2024_04_08_134120_a59bf34a09d5_add_deployments.js'
import addVariablesSavedSearchesAndAgents from './2024_05_06_091847_9947c89300a4_add_variables_saved_searches_and_agents.js'
import addEvents from './2024_06_10_140312_b97f77089d4e_add_events.js'
import addAutomations from './2024_07_22_104501_500b1e01c208_add_automations.js'
import addFlowRunInputsAndTaskRunStateCache from './2024_09_02_113355_a4ba7112ca52_add_flow_run_inputs_and_task_run_state_cache.js'
import forbidBlockDocumentSelfReferences from './2024_10_14_152208_8b0a242ddb67_forbid_block_document_self_references.js'
import moveDeploymentSchedulesToTheirOwnTable from './2024_12_09_101744_0e8bc7aff8ea_move_deployment_schedules_to_their_own_table.js'
import addLabels from './2025_02_03_084926_f2be5c61df5f_add_labels.js'
import addDeploymentVersions from './2025_05_19_131502_8f942a471e8a_add_deployment_versions.js'
import addTrigramNameIndexes from './2025_08_25_092318_cf78815731d6_add_trigram_name_indexes.js'
import addBlockDocumentNameAndSchedulerIndexes from './2026_01_12_150233_97614e18f888_add_block_document_name_and_scheduler_indexes.js'
import type {Revision} from './types.js'

/** Every revision of the schema, oldest first. Each file is listed here once, in chain order. */
export const revisions: Revision[] = [
  initialBlocksAndConfiguration,
  addWorkPoolsQueuesAndWorkers,
  addConcurrencyLimits,
  addArtifacts,
  addFlowsRunsAndStates,
  addLogs,
  addDeployments,
  addVariablesSavedSearchesAndAgents,
  addEvents,
  addAutomations,
  addFlowRunInputsAndTaskRunStateCache,
  forbidBlockDocumentSelfReferences,
  moveDeploymentSchedulesToTheirOwnTable,
  addLabels,
  addDeploymentVersions,
  addTrigramNameIndexes,
  addBlockDocumentNameAndSchedulerIndexes,
]
