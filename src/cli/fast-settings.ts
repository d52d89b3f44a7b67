import {jsonRequested, reportFailure} from './failure.js'
import {type GlobalFlags, settingsOptions} from './settings.js'
import {configSet, configView, type ConfigViewFlags, profileLs, profileUse, type Say} from './settings-commands.js'

/**
 * The settings lane: `config view`, `config set`, `profile ls` and `profile use` in their plain
 * shapes run here without loading oclif, whose own start-up (its core, its plugins, the manifest)
 * costs more than these commands' work. The same command bodies (settings-commands.ts) and the same
 * failure report as through oclif. Only argument shapes whose meaning is certain are taken: the
 * command's own flags each at most once (an exclusive pair never together), -o/--output only as
 * `json`, the global -p/--profile NAME and --[no-]prompt (bin/global-args.js puts leading ones
 * last) at most once. Anything else — --help, a repeated or unknown flag, a missing or extra
 * argument, DEBUG set — goes through oclif, which parses and reports it. Returns false then.
 */
interface Parsed {
  globals: GlobalFlags
  /** Flags of the command itself, by name; `output` holds its value. */
  flags: Record<string, string | true>
  positionals: string[]
}

type Run = (parsed: Parsed, say: Say) => Promise<void>

interface LaneCommand {
  /** Boolean flags of the command, and the pairs that may not come together. */
  booleans: readonly string[]
  exclusive: ReadonlyArray<readonly [string, string]>
  output: boolean
  /** How many positional arguments the lane takes (oclif reports any other count). */
  positionals: (count: number) => boolean
  run: Run
}

const options = (parsed: Parsed) => settingsOptions(parsed.globals)

const COMMANDS: Record<string, LaneCommand> = {
  'config view': {
    booleans: ['show-defaults', 'hide-defaults', 'show-sources', 'hide-sources', 'show-secrets', 'hide-secrets'],
    exclusive: [
      ['show-defaults', 'hide-defaults'],
      ['show-sources', 'hide-sources'],
      ['show-secrets', 'hide-secrets'],
    ],
    output: true,
    positionals: (count) => count === 0,
    run: (parsed, say) => configView(parsed.flags as ConfigViewFlags, options(parsed), say),
  },
  'config set': {
    booleans: [],
    exclusive: [],
    output: false,
    positionals: (count) => count >= 1,
    run: (parsed, say) => configSet(parsed.positionals, options(parsed), say),
  },
  'profile ls': {
    booleans: [],
    exclusive: [],
    output: true,
    positionals: (count) => count === 0,
    run: (parsed, say) => profileLs(parsed.flags.output as string | undefined, options(parsed), say),
  },
  'profile use': {
    booleans: [],
    exclusive: [],
    output: false,
    positionals: (count) => count === 1,
    run: (parsed, say) => profileUse(parsed.positionals[0], options(parsed), say),
  },
}

/** The arguments after the command's words, or undefined when the lane does not take them. */
function parse(command: LaneCommand, args: readonly string[]): Parsed | undefined {
  const parsed: Parsed = {globals: {}, flags: {}, positionals: []}
  const seen = new Set<string>()
  const once = (name: string): boolean => !seen.has(name) && Boolean(seen.add(name))
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const value = (): string | undefined => {
      const next = args[++i]
      return next === undefined || next.startsWith('-') || next === '' ? undefined : next
    }

    if (!arg.startsWith('-')) {
      parsed.positionals.push(arg)
    } else if (arg === '-p' || arg === '--profile' || arg.startsWith('--profile=')) {
      const name = arg.startsWith('--profile=') ? arg.slice('--profile='.length) : value()
      if (!once('profile') || name === undefined || name === '' || name.startsWith('-')) return undefined
      parsed.globals.profile = name
    } else if (arg === '--prompt' || arg === '--no-prompt') {
      if (!once('prompt')) return undefined
      parsed.globals.prompt = arg === '--prompt'
    } else if (command.output && (arg === '-o' || arg === '--output' || arg === '--output=json')) {
      const format = arg === '--output=json' ? 'json' : value()
      if (!once('output') || format !== 'json') return undefined
      parsed.flags.output = format
    } else if (arg.startsWith('--') && command.booleans.includes(arg.slice(2))) {
      if (!once(arg.slice(2))) return undefined
      parsed.flags[arg.slice(2)] = true
    } else {
      return undefined
    }
  }

  if (!command.positionals(parsed.positionals.length)) return undefined
  if (command.exclusive.some(([a, b]) => seen.has(a) && seen.has(b))) return undefined
  return parsed
}

/** Runs `prefect <args>` in the lane when it takes it; false when oclif should. */
export async function fastSettings(args: readonly string[]): Promise<boolean> {
  if (process.env.DEBUG) return false
  const id = args.slice(0, 2).join(' ')
  const command = Object.hasOwn(COMMANDS, id) ? COMMANDS[id] : undefined
  const parsed = command && parse(command, args.slice(2))
  if (!command || !parsed) return false
  try {
    await command.run(parsed, (line) => process.stdout.write(`${line}\n`))
  } catch (error) {
    process.exitCode = reportFailure(error instanceof Error ? error : new Error(String(error)), {
      json: jsonRequested(args.slice(2)),
      commandLine: `prefect ${id}`,
    })
  }

  return true
}
