import DatabaseReset from '../../server/database/reset.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseReset extends DatabaseReset {
  static override summary = `Deprecated: use 'prefect server database reset'. ${DatabaseReset.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database reset' is deprecated; use 'prefect server database reset' instead.")
    await super.init()
  }
}
