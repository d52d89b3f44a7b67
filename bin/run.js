#!/usr/bin/env node
import {execute} from '../dist/cli/oclif.js'

import {withGlobalOptionsLast} from './global-args.js'

await execute({args: withGlobalOptionsLast(process.argv.slice(2)), dir: import.meta.url})
