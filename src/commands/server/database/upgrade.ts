import {BaseCommand} from '../../../base-command.js'
import {migrationFlags, runMigration} from '../../../cli/migration-command.js'
import type {PlanReport} from '../../../migrator/plan-report.js'
import type {MigrationResult} from '../../../migrator/types.js'

export default class DatabaseUpgrade extends BaseCommand<typeof DatabaseUpgrade> {
  static override summary = 'Upgrade the Prefect database.'
  static override description =
    'Apply the revisions between the current one and the target (default: head), each in its own transaction, under a migration lock. An empty database going to head gets the head schema in one transaction instead (the baseline; --no-baseline: every revision).'
  static override aliases = ['orion:database:upgrade']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database upgrade -y', '<%= config.bin %> server database upgrade -y -r +1', '<%= config.bin %> server database upgrade --dry-run', '<%= config.bin %> server database upgrade -y --no-baseline']
  static override flags = migrationFlags('upgrade')

  async run(): Promise<MigrationResult | PlanReport> {
    return runMigration('upgrade', this.flags, (line) => this.say(line))
  }
}
