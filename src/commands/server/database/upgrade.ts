import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../../../base-command.js'
import {DEFAULT_LOCK_TIMEOUT_SECONDS} from '../../../db/migration-lock.js'
import {confirmOrAbort, databaseContext, parseSeconds} from '../../../migrator/cli-context.js'
import {upgrade} from '../../../migrator/index.js'
import {appliedLine, dryRunLines, nothingToDoLine, startLine} from '../../../migrator/report.js'
import type {MigrationResult} from '../../../migrator/types.js'
import {printWarning, successLine} from '../../../ui/output.js'

export default class DatabaseUpgrade extends BaseCommand<typeof DatabaseUpgrade> {
  static override summary = 'Upgrade the Prefect database.'
  static override description = 'Apply the revisions between the current one and the target (default: head), each in its own transaction, under a migration lock.'
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database upgrade -y', '<%= config.bin %> server database upgrade -y -r +1', '<%= config.bin %> server database upgrade --dry-run']
  static override flags = {
    yes: Flags.boolean({char: 'y', allowNo: true, description: 'Do not ask for confirmation.', default: false}),
    revision: Flags.string({char: 'r', description: 'Revision to upgrade to: head, a revision id (or a unique prefix of 4+ characters), or +N.', default: 'head'}),
    'dry-run': Flags.boolean({allowNo: true, description: 'Show migrations without applying: print the SQL, change nothing.', default: false}),
    'lock-timeout': Flags.custom<number>({description: 'Seconds to wait for another run holding the migration lock.', default: DEFAULT_LOCK_TIMEOUT_SECONDS, parse: parseSeconds})(),
  }

  async run(): Promise<MigrationResult> {
    const {flags} = this
    const {target, prompt} = await databaseContext(flags.profile)
    const say = (line: string) => this.jsonEnabled() || process.stdout.write(`${line}\n`)
    if (!flags['dry-run']) {
      await confirmOrAbort(`Are you sure you want to upgrade the Prefect database at ${target.displayUrl}?`, {
        yes: flags.yes, action: 'upgrade the database', prompt, aborted: 'Database upgrade aborted!',
      })
    }

    say('Running upgrade migrations ...')
    const result = await upgrade(target, {
      revision: flags.revision,
      dryRun: flags['dry-run'],
      lockTimeoutSeconds: flags['lock-timeout'],
      onWait: printWarning,
      warn: printWarning,
      onStart: flags['dry-run'] ? undefined : (step) => process.stderr.write(`${startLine(step)}\n`),
      onApplied: flags['dry-run'] ? undefined : (applied) => say(appliedLine(applied)),
    })
    if (flags['dry-run']) for (const line of dryRunLines(result)) say(line)
    const idle = nothingToDoLine(result)
    if (idle) say(idle)
    say('Migrations succeeded!')
    say(successLine(`Prefect database at ${target.displayUrl} upgraded!`))
    return result
  }
}
