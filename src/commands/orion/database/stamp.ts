import DatabaseStamp from '../../server/database/stamp.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseStamp extends DatabaseStamp {
  static override summary = `Deprecated: use 'prefect server database stamp'. ${DatabaseStamp.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database stamp' is deprecated; use 'prefect server database stamp' instead.")
    await super.init()
  }
}
