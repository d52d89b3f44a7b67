import DatabaseRevision from '../../server/database/revision.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseRevision extends DatabaseRevision {
  static override summary = `Deprecated: use 'prefect server database revision'. ${DatabaseRevision.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database revision' is deprecated; use 'prefect server database revision' instead.")
    await super.init()
  }
}
