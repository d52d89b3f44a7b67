#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
import {execute} from '@oclif/core/execute'

// Prefect takes the global profile option before the command (`prefect -p local config view`);
// oclif reads flags after the command id, so move a leading --profile/-p behind it.
const args = process.argv.slice(2)
const leading = []
while (/^(-p|--profile)(=.*)?$/.test(args[0] ?? '')) {
  const flag = args.shift()
  leading.push(flag)
  if (!flag.includes('=') && args.length > 0) leading.push(args.shift())
}

await execute({args: [...args, ...leading], development: true, dir: import.meta.url})
