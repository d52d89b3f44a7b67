import {BaseCommand} from '../base-command.js'
import {chainHeads, sqliteLibraryVersion, type VersionInfo, versionLines} from '../cli/version-info.js'

export default class Version extends BaseCommand<typeof Version> {
  static override summary = 'Show the version of this tool, its revision chain heads and its runtime.'
  static override description =
    "Also 'prefect -v' and 'prefect --version'. Each chain head is named with the Prefect release it is the head of, or the newest release it is newer than. Reads no settings and opens no database."
  static override enableJsonFlag = true
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> --version', '<%= config.bin %> version --json']

  async run(): Promise<VersionInfo> {
    const info: VersionInfo = {
      version: this.config.version,
      heads: chainHeads(),
      sqliteVersion: await sqliteLibraryVersion(),
      nodeVersion: process.versions.node,
      platform: `${process.platform}/${process.arch}`,
    }
    for (const line of versionLines(info)) this.say(line)
    return info
  }
}
