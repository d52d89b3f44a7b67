import {BaseCommand} from '../../../base-command.js'

export default class Placeholder extends BaseCommand<typeof Placeholder> {
  static override summary = 'temporary'
  async run(): Promise<void> {
    this.log(`ok ${this.flags.profile ?? ''}`)
  }
}
