import {BaseCommand} from '../../../base-command.js'
import {migrationFlags, runMigration} from '../../../cli/migration-command.js'
import type {PlanReport} from '../../../migrator/plan-report.js'
import type {MigrationResult} from '../../../migrator/types.js'

export default class DatabaseDowngrade extends BaseCommand<typeof DatabaseDowngrade> {
  static override summary = 'Downgrade the Prefect database.'
  static override description = 'Revert revisions down to the target (default: -1, one revision), each in its own transaction, under a migration lock. base reverts everything.'
  static override aliases = ['orion:database:downgrade']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database downgrade -y -r -1', '<%= config.bin %> server database downgrade -y -r base', '<%= config.bin %> server database downgrade --dry-run -r -2']
  static override flags = migrationFlags('downgrade')

  async run(): Promise<MigrationResult | PlanReport> {
    return runMigration('downgrade', this.flags, (line) => this.say(line))
  }
}
