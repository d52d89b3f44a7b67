#!/usr/bin/env node
import {withGlobalOptionsLast} from './global-args.js'

const args = withGlobalOptionsLast(process.argv.slice(2))
// `server database upgrade -y` (with only --json, --[no-]baseline) skips oclif's start-up: see dist/cli/fast-upgrade.js.
const fast = args[0] === 'server' && args[1] === 'database' && args[2] === 'upgrade' && (await (await import('../dist/cli/fast-upgrade.js')).fastUpgrade(args.slice(3)))
if (!fast) await (await import('../dist/cli/oclif.js')).execute({args, dir: import.meta.url})
