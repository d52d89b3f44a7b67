import DatabaseHistory from '../../server/database/history.js'
import {printWarning} from '../../../ui/output.js'

export default class OrionDatabaseHistory extends DatabaseHistory {
  static override summary = `Deprecated: use 'prefect server database history'. ${DatabaseHistory.summary}`

  public override async init(): Promise<void> {
    printWarning("'prefect orion database history' is deprecated; use 'prefect server database history' instead.")
    await super.init()
  }
}
