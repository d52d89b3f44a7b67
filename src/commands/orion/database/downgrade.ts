import DatabaseDowngrade from '../../server/database/downgrade.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseDowngrade extends DatabaseDowngrade {
  static override summary = `Deprecated: use 'prefect server database downgrade'. ${DatabaseDowngrade.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database downgrade' is deprecated; use 'prefect server database downgrade' instead.")
    await super.init()
  }
}
