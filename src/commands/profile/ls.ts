import {BaseCommand} from '../../base-command.js'
import {jsonOutput, outputFlag} from '../../cli/flags.js'
import {listProfiles} from '../../config/profile-service.js'
import {out} from '../../ui/output.js'

export default class ProfileLs extends BaseCommand<typeof ProfileLs> {
  static override description = 'List profile names.'
  static override aliases = ['profiles:ls']
  static override flags = {
    output: outputFlag(),
  }

  async run(): Promise<void> {
    const json = jsonOutput(this.flags.output)
    const profiles = await listProfiles(this.settingsOptions())
    if (json) {
      process.stdout.write(`${JSON.stringify(profiles, null, 2)}\n`)
      return
    }

    const lines = ['Available Profiles:']
    for (const {name, active} of profiles) lines.push(active ? out().green(`  * ${name}`) : `  ${name}`)
    lines.push('', '* active profile')
    this.say(lines.join('\n'))
  }
}
