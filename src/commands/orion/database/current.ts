import DatabaseCurrent from '../../server/database/current.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseCurrent extends DatabaseCurrent {
  static override summary = `Deprecated: use 'prefect server database current'. ${DatabaseCurrent.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database current' is deprecated; use 'prefect server database current' instead.")
    await super.init()
  }
}
