import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {databaseContext} from '../../../cli/database-context.js'
import {check, type CheckResult} from '../../../migrator/index.js'

export default class DatabaseCheck extends BaseCommand<typeof DatabaseCheck> {
  static override summary = 'Check that the database is at the expected revision: for CI and deploy scripts.'
  static override description =
    "Read-only: takes no lock (it answers while a migration runs) and never creates a database. Exits 0 only when the database is at the expected revision (head unless -r says otherwise); every other state has its own exit code and one line naming it and the command that fixes it: behind 10, ahead 11, half reverted 12, not a Prefect database 13, empty 14, schema drift 15, at a revision this tool does not know 9, unreachable 4. At the expected revision it compares the live schema with the one the chain builds there, in a scratch database it removes afterwards (PostgreSQL: needs CREATEDB, else drift is reported as not checked)."
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> server database check', '<%= config.bin %> server database check -r 3.4.22 --json']
  static override flags = {
    revision: Flags.string({char: 'r', description: "The expected revision: head (default), base, a revision id or prefix, the other dialect's id, or a Prefect release.", default: 'head'}),
  }

  async run(): Promise<CheckResult> {
    const {target, hooks} = await databaseContext(this.flags)
    const result = await check(target, {...hooks, revision: this.flags.revision})
    if (result.exitCode === 0) {
      // Under --json oclif prints the returned object.
      this.say(result.message)
      return result
    }

    // Not at the expected revision: the facts (as the object under --json), then the state's exit code.
    if (this.jsonEnabled()) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    else process.stderr.write(`${result.message}\n`)
    return this.exit(result.exitCode)
  }
}
