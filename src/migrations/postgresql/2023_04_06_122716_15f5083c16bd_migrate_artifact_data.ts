import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/*
 * Fills the columns artifact_collection gained in the previous revisions from each collection's
 * latest artifact. One UPDATE, outside the engine's transaction as Prefect runs it (in batches,
 * autocommitted); running it again gives the same rows.
 *
 * Prefect's loop advances its OFFSET by 500 for every row rather than every batch of 500, so with
 * more than 500 collections it fills only the first 500 (by id), then 500 from the 250,000th, and
 * so on; the intent, and the result here, is every collection. Up to 500 collections the rows are
 * the same.
 */
const revision: Revision = {
  revision: '15f5083c16bd',
  downRevision: '310dda75f561',
  message: 'Migrate artifact data to artifact_collection table',
  transaction: false,
  async up(context) {
    await sql(
      context,
      `UPDATE artifact_collection
       SET data = artifact.data,
           description = artifact.description,
           flow_run_id = artifact.flow_run_id,
           task_run_id = artifact.task_run_id,
           type = artifact.type,
           metadata_ = artifact.metadata_
       FROM artifact
       WHERE artifact_collection.latest_id = artifact.id`,
    )
  },
  // Nothing to undo: the columns stay until 3e1eb8281d5e / 6a1eb3d442e4 is downgraded.
  async down() {},
}

export default revision
