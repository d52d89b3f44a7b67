import {Flags} from '@oclif/core'

import {BaseCommand} from '../../../base-command.js'
import {createRevisionFile, type NewRevision} from '../../../migrator/index.js'
import {successLine} from '../../../ui/output.js'

export default class DatabaseRevision extends BaseCommand<typeof DatabaseRevision> {
  static override summary = 'Create a new migration for the Prefect database.'
  static override description = "Writes a new revision file at the head of a chain of your own (--migrations-dir: a directory with an index.ts listing its revisions), for chains passed through the API. Prefect's chains in src/migrations/<dialect> are Prefect's revisions, ported, and get none of ours."
  static override examples = ['<%= config.bin %> server database revision -m "add flow run index" --migrations-dir ./my-migrations']
  static override aliases = ['orion:database:revision']
  static override deprecateAliases = true
  static override enableJsonFlag = true
  static override flags = {
    message: Flags.string({char: 'm', description: 'What the revision does.', default: 'new revision'}),
    autogenerate: Flags.boolean({allowNo: true, description: 'Not supported: revisions are written by hand.', hidden: true, default: false}),
    'migrations-dir': Flags.string({description: 'Directory of the revision files, with an index.ts listing them.'}),
  }

  async run(): Promise<NewRevision> {
    const say = (line: string) => this.say(line)
    say('Running migration file creation ...')
    const created = await createRevisionFile(this.flags.message, {directory: this.flags['migrations-dir'], autogenerate: this.flags.autogenerate})
    say(`Created ${created.file} (revision ${created.revision}, after ${created.downRevision ?? 'base'}).`)
    say(successLine('Creating new migration file succeeded!'))
    return created
  }
}
