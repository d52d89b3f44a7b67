import * as Flags from '@oclif/core/flags'

import {BaseCommand} from '../../../base-command.js'
import {DEFAULT_LOCK_TIMEOUT_SECONDS} from '../../../db/migration-lock.js'
import {confirmOrAbort, databaseContext, parseSeconds} from '../../../migrator/cli-context.js'
import {downgrade} from '../../../migrator/index.js'
import {appliedLine, dryRunLines, nothingToDoLine, startLine} from '../../../migrator/report.js'
import type {MigrationResult} from '../../../migrator/types.js'
import {printWarning, successLine} from '../../../ui/output.js'

export default class DatabaseDowngrade extends BaseCommand<typeof DatabaseDowngrade> {
  static override summary = 'Downgrade the Prefect database.'
  static override description = 'Revert revisions down to the target (default: -1, one revision), each in its own transaction, under a migration lock. base reverts everything.'
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database downgrade -y -r -1', '<%= config.bin %> server database downgrade -y -r base', '<%= config.bin %> server database downgrade --dry-run -r -2']
  static override flags = {
    yes: Flags.boolean({char: 'y', allowNo: true, description: 'Do not ask for confirmation.', default: false}),
    revision: Flags.string({char: 'r', description: 'Revision to downgrade to: -1, -N, a revision id (or a unique prefix of 4+ characters), or base.', default: '-1'}),
    'dry-run': Flags.boolean({allowNo: true, description: 'Show migrations without applying: print the SQL, change nothing.', default: false}),
    'lock-timeout': Flags.custom<number>({description: 'Seconds to wait for another run holding the migration lock.', default: DEFAULT_LOCK_TIMEOUT_SECONDS, parse: parseSeconds})(),
  }

  async run(): Promise<MigrationResult> {
    const {flags} = this
    const {target, prompt} = await databaseContext(flags.profile)
    const say = (line: string) => this.jsonEnabled() || process.stdout.write(`${line}\n`)
    if (!flags['dry-run']) {
      await confirmOrAbort(`Are you sure you want to downgrade the Prefect database at ${target.displayUrl}?`, {
        yes: flags.yes, action: 'downgrade the database', prompt, aborted: 'Database downgrade aborted!',
      })
    }

    say('Running downgrade migrations ...')
    const result = await downgrade(target, {
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
    say(successLine(`Prefect database at ${target.displayUrl} downgraded!`))
    return result
  }
}
