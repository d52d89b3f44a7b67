// The CLI as bin/run.js starts it, without the start-up lanes: every command through oclif. The
// lane tests (test/commands/start-up-lanes.test.ts) compare each lane's answers with this one's.
import {withGlobalOptionsLast} from '../../bin/global-args.js'

const {execute} = await import('../../dist/cli/oclif.js')
await execute({args: withGlobalOptionsLast(process.argv.slice(2)), dir: new URL('../../bin/run.js', import.meta.url).href})
