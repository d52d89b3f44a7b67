#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
import {execute} from '@oclif/core/execute'

import {withGlobalOptionsLast} from './global-args.js'

await execute({args: withGlobalOptionsLast(process.argv.slice(2)), development: true, dir: import.meta.url})
