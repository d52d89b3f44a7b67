import {BaseCommand} from '../../base-command.js'
import {askIfInteractive, isInteractive} from '../../cli/prompt-policy.js'
import {resolvePromptSetting} from '../../config/resolve.js'
import {planPopulateDefaults, populateDefaults} from '../../config/profile-service.js'
import {AbortedError} from '../../errors.js'

export default class ProfilePopulateDefaults extends BaseCommand<typeof ProfilePopulateDefaults> {
  static override description = 'Populate the profiles configuration with default base profiles, preserving existing user profiles.'
  static override aliases = ['profiles:populate-defaults']

  async run(): Promise<void> {
    const options = this.settingsOptions()
    const plan = await planPopulateDefaults(options)
    const lines = plan.missing.length === 0
      ? ['No changes needed. All profiles are up to date.']
      : ['Proposed Changes:', ...plan.missing.map((name) => `  • Add '${name}'`)]
    this.say(lines.join('\n'))
    if (plan.missing.length === 0) return
    const prompt = await resolvePromptSetting(options)
    const ask = askIfInteractive('update the profiles file')
    // Without a console Prefect makes no backup and goes ahead; on one it asks both questions.
    const backup = isInteractive(prompt) && plan.exists && (await ask(`Back up existing profiles to ${plan.path}.bak?`, prompt))
    if (!(await ask(`Update profiles at ${plan.path}?`, prompt))) throw new AbortedError('Operation cancelled.')
    const names = await populateDefaults(plan, backup)
    this.say(
      [
        `Profiles updated in ${plan.path}`,
        '',
        'Use with prefect profile use [PROFILE-NAME]',
        '',
        'Available profiles:',
        ...names.map((name) => `  - ${name}`),
      ].join('\n'),
    )
  }
}
