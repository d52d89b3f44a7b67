import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {noteInMemoryRead} from '../../../cli/in-memory.js'
import {databaseContext} from '../../../migrator/cli-context.js'
import {history} from '../../../migrator/index.js'
import {historyLines} from '../../../migrator/report.js'
import type {HistoryEntry} from '../../../migrator/types.js'
import {printWarning} from '../../../ui/output.js'

export default class DatabaseHistory extends BaseCommand<typeof DatabaseHistory> {
  static override summary = 'List the revisions, newest first, marking head and the current one.'
  static override description = 'Read-only: takes no lock and never creates a database.'
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database history --verbose']
  static override flags = {
    verbose: Flags.boolean({char: 'v', description: 'Also show when each revision was applied and how long it took.', default: false}),
  }

  async run(): Promise<HistoryEntry[]> {
    const {target} = await databaseContext(this.flags.profile)
    const entries = await history(target, {warn: printWarning})
    if (!this.jsonEnabled()) for (const line of historyLines(entries, this.flags.verbose)) process.stdout.write(`${line}\n`)
    noteInMemoryRead(target)
    return entries
  }
}
