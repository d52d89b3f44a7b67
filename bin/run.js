#!/usr/bin/env node
import {withGlobalOptionsLast} from './global-args.js'

const args = withGlobalOptionsLast(process.argv.slice(2))
// Start-up lanes skip oclif's own start-up for the hottest commands in their plain shapes, with the
// same command code; anything else (help included) goes through oclif. See the two modules.
//   `server database upgrade -y` (with only --json, --[no-]baseline): dist/cli/fast-upgrade.js, which
//     answers a SQLite file already at head itself and loads dist/cli/upgrade-lane.js for anything else
//   `config view`, `config set`, `profile ls`, `profile use`: dist/cli/fast-settings.js
const lane =
  args[0] === 'server' && args[1] === 'database' && args[2] === 'upgrade'
    ? (await import('../dist/cli/fast-upgrade.js')).fastUpgrade(args.slice(3))
    : (args[0] === 'config' && (args[1] === 'view' || args[1] === 'set')) || (args[0] === 'profile' && (args[1] === 'ls' || args[1] === 'use'))
      ? (await import('../dist/cli/fast-settings.js')).fastSettings(args)
      : false
if (!(await lane)) await (await import('../dist/cli/oclif.js')).execute({args, dir: import.meta.url})
