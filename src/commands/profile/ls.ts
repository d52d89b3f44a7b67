import {Flags} from '@oclif/core'

import {BaseCommand} from '../../base-command.js'
import {listProfiles} from '../../config/profile-service.js'
import {UsageError} from '../../errors.js'
import {out} from '../../ui/output.js'

export default class ProfileLs extends BaseCommand<typeof ProfileLs> {
  static override description = 'List profile names.'
  static override aliases = ['profiles:ls']
  static override flags = {
    output: Flags.string({char: 'o', description: "Output format: 'json'."}),
  }

  async run(): Promise<void> {
    if (this.flags.output !== undefined && this.flags.output !== 'json') throw new UsageError("Only 'json' output format is supported.")
    const profiles = await listProfiles({profile: this.flags.profile})
    if (this.flags.output === 'json') {
      process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`)
      return
    }

    const lines = ['Available Profiles:']
    for (const {name, active} of profiles) lines.push(active ? out().green(`  * ${name}`) : `  ${name}`)
    lines.push('', '* active profile')
    process.stdout.write(`${lines.join('\n')}\n`)
  }
}
