import {BaseCommand} from '../../base-command.js'
import {outputFlag} from '../../cli/flags.js'
import {profileLs} from '../../cli/settings-commands.js'

export default class ProfileLs extends BaseCommand<typeof ProfileLs> {
  static override description = 'List profile names.'
  static override aliases = ['profiles:ls']
  static override flags = {
    output: outputFlag(),
  }

  // The same body runs in bin/run.js's settings lane (src/cli/fast-settings.ts).
  async run(): Promise<void> {
    await profileLs(this.flags.output, this.settingsOptions(), (line) => this.say(line))
  }
}
