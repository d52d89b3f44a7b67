import {Args} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {databaseContext} from '../../../cli/database-context.js'
import {warnInMemoryWrite} from '../../../cli/in-memory.js'
import {lockTimeoutFlag} from '../../../cli/migration-command.js'
import {stamp} from '../../../migrator/index.js'
import type {MigrationResult} from '../../../migrator/types.js'
import {printWarning, successLine} from '../../../ui/output.js'

export default class DatabaseStamp extends BaseCommand<typeof DatabaseStamp> {
  static override summary = "Stamp the revision table with the given revision; don't run any migrations."
  static override description = 'Rewrites only the migration record (no schema change): use it to adopt a database whose schema already matches a revision.'
  static override aliases = ['orion:database:stamp']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database stamp head', '<%= config.bin %> server database stamp 3.4.22', '<%= config.bin %> server database stamp d20618ce678e']
  static override args = {
    revision: Args.string({description: "head, base, a revision id (or a unique prefix of 4+ characters; the other dialect's id is mapped to this one's), or a Prefect release such as 3.4.22.", required: true}),
  }

  static override flags = {
    'lock-timeout': lockTimeoutFlag(),
  }

  async run(): Promise<MigrationResult> {
    const {target, hooks} = await databaseContext(this.flags)
    const say = (line: string) => this.say(line)
    warnInMemoryWrite(target, 'stamp')
    say('Stamping database with revision ...')
    const result = await stamp(target, this.args.revision, {...hooks, lockTimeoutSeconds: this.flags['lock-timeout'], onWait: printWarning, onNote: say})
    say(`Stamped ${target.displayUrl} at ${result.to ?? 'base'}.`)
    say(successLine('Stamping database with revision succeeded!'))
    return result
  }
}
