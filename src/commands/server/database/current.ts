import {BaseCommand} from '../../../base-command.js'
import {databaseContext} from '../../../cli/database-context.js'
import {noteInMemoryRead} from '../../../cli/in-memory.js'
import {currentLine} from '../../../cli/report.js'
import {currentRevision} from '../../../migrator/index.js'
import type {CurrentState} from '../../../migrator/types.js'

export default class DatabaseCurrent extends BaseCommand<typeof DatabaseCurrent> {
  static override summary = 'Show the current revision of the Prefect database.'
  static override description = 'Read-only: takes no lock (it answers while a migration runs) and never creates a database.'
  static override aliases = ['orion:database:current']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database current', '<%= config.bin %> server database current --json']

  async run(): Promise<CurrentState> {
    const {target, hooks} = await databaseContext(this.flags)
    const state = await currentRevision(target, hooks)
    this.say(currentLine(state))
    noteInMemoryRead(target)
    return state
  }
}
