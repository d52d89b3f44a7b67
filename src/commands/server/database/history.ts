import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {databaseContext} from '../../../cli/database-context.js'
import {noteInMemoryRead} from '../../../cli/in-memory.js'
import {historyLines} from '../../../cli/report.js'
import {history} from '../../../migrator/index.js'
import type {HistoryEntry} from '../../../migrator/types.js'

export default class DatabaseHistory extends BaseCommand<typeof DatabaseHistory> {
  static override summary = 'List the revisions, newest first, marking head and the current one.'
  static override description = 'Read-only: takes no lock and never creates a database.'
  static override aliases = ['orion:database:history']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database history --verbose']
  static override flags = {
    verbose: Flags.boolean({char: 'v', description: 'Also show when each revision was applied and how long it took.', default: false}),
  }

  async run(): Promise<HistoryEntry[]> {
    const {target, hooks} = await databaseContext(this.flags)
    const entries = await history(target, hooks)
    for (const line of historyLines(entries, this.flags.verbose)) this.say(line)
    noteInMemoryRead(target)
    return entries
  }
}
