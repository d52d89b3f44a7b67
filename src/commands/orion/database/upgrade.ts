import DatabaseUpgrade from '../../server/database/upgrade.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseUpgrade extends DatabaseUpgrade {
  static override summary = `Deprecated: use 'prefect server database upgrade'. ${DatabaseUpgrade.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database upgrade' is deprecated; use 'prefect server database upgrade' instead.")
    await super.init()
  }
}
