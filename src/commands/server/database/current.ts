import {BaseCommand} from '../../../base-command.js'
import {noteInMemoryRead} from '../../../cli/in-memory.js'
import {databaseContext} from '../../../migrator/cli-context.js'
import {currentRevision} from '../../../migrator/index.js'
import {currentLine} from '../../../migrator/report.js'
import type {CurrentState} from '../../../migrator/types.js'
import {printWarning} from '../../../ui/output.js'

export default class DatabaseCurrent extends BaseCommand<typeof DatabaseCurrent> {
  static override summary = 'Show the current revision of the Prefect database.'
  static override description = 'Read-only: takes no lock (it answers while a migration runs) and never creates a database.'
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database current', '<%= config.bin %> server database current --json']

  async run(): Promise<CurrentState> {
    const {target} = await databaseContext(this.flags.profile)
    const state = await currentRevision(target, {warn: printWarning})
    if (!this.jsonEnabled()) process.stdout.write(`${currentLine(state)}\n`)
    noteInMemoryRead(target)
    return state
  }
}
