// oclif's command_not_found hook (package.json oclif.hooks): an unknown command gets one line in
// this tool's style and exit 2 (usage) instead of oclif's `›   Error: command server:start not
// found`. Commands of Python Prefect that this tool does not have (`prefect server start`,
// `prefect worker start`, …) say what to run instead. It imports only types from oclif: the hook
// runs before any command loads, and stays a small bundle of its own (build/bundle-commands.mjs).
import type {Hook, Interfaces} from '@oclif/core'

import {ExitCode} from '../errors.js'
import {maskSecrets} from '../mask.js'
import {errorLine} from '../ui/output.js'

/** `prefect server <word>` commands that belong to Prefect's server, not to its database. */
const SERVER_ONLY = new Set(['start', 'stop', 'restart', 'status', 'services', 'manager', 'kubernetes-manifest'])

/** Python Prefect's other top-level commands: they talk to a running server's API. */
const PREFECT_ONLY = new Set([
  'agent', 'api', 'artifact', 'automation', 'automations', 'block', 'blocks', 'cloud', 'concurrency-limit', 'dashboard',
  'deploy', 'deployment', 'deployments', 'dev', 'event', 'events', 'flow', 'flow-run', 'flows', 'gcl',
  'global-concurrency-limit', 'init', 'shell', 'task', 'task-run', 'transfer', 'variable', 'work-pool', 'work-queue', 'worker',
])

const BIN = 'prefect'

const hook: Hook<'command_not_found'> = async function (options) {
  const words = options.id.split(':').filter((word) => word !== '')
  const argv = options.argv ?? []
  const message = maskSecrets(unknownCommandLine(words, options.config))
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({error: {message, exitCode: ExitCode.USAGE, type: 'UsageError'}}, null, 2)}\n`)
  } else {
    process.stderr.write(`${errorLine(message)}\n`)
  }

  // Printed already: oclif's error handler prints nothing for skipOclifErrorHandling and exits
  // with oclif.exit. A plain object rather than oclif's ExitError, whose class this bundle lacks.
  throw Object.assign(new Error(message), {oclif: {exit: ExitCode.USAGE}, skipOclifErrorHandling: true})
}

export default hook

export function unknownCommandLine(words: string[], config: Interfaces.Config): string {
  const typed = [BIN, ...words].join(' ')
  if (words.length === 0) return `No command given. See '${BIN} --help'.`
  if (words[0].startsWith('-')) return `Unknown option '${words[0]}' before the command. See '${BIN} --help'.`

  // `prefect server start` (and Prefect 2's `prefect orion start`): the server is Python Prefect's.
  if ((words[0] === 'server' || words[0] === 'orion') && words.length > 1 && SERVER_ONLY.has(words[1])) {
    const instead = ['server', ...words.slice(1)].join(' ')
    return `'${typed}' belongs to Prefect's server, which this tool does not run: prefect-dbadmin administers the server's database only. Run it with Python Prefect: 'uvx ${BIN} ${instead}' (or 'pip install prefect', then '${BIN} ${instead}').`
  }

  if (PREFECT_ONLY.has(words[0])) {
    return `'${typed}' is a command of Python Prefect, which talks to a running server: prefect-dbadmin administers the server's database only. Run it with Python Prefect: 'uvx ${BIN} ${words.join(' ')}' (or 'pip install prefect').`
  }

  const suggestion = didYouMean(words, config)
  if (suggestion) return `Unknown command '${typed}'. Did you mean '${BIN} ${suggestion}'?`
  const topic = topicOf(words, config)
  return `Unknown command '${typed}'. See '${[BIN, ...topic, '--help'].join(' ')}' for the commands.`
}

/** The commands worth suggesting, as word lists: visible ones, and the deprecated orion alias only to whoever typed orion. */
function candidates(words: string[], config: Interfaces.Config): string[][] {
  const ids = new Set<string>()
  for (const command of config.commands) {
    if (command.hidden) continue
    for (const id of [command.id, ...(command.aliases ?? [])]) ids.add(id)
  }

  return [...ids].map((id) => id.split(':')).filter((id) => id[0] !== 'orion' || words[0] === 'orion')
}

/**
 * A near command, as users type it (space-separated): the typed words (or their first few, the
 * rest being arguments) within a small edit distance of a command's words, word by word; else a
 * command whose last words were typed without the topic before them (`database upgrade` →
 * `server database upgrade`, `view` → `config view`).
 */
export function didYouMean(words: string[], config: Interfaces.Config): string | undefined {
  const commands = candidates(words, config)
  let best: {id: string[]; distance: number} | undefined
  for (const id of commands) {
    if (id.length > words.length) continue
    let distance = 0
    for (let i = 0; i < id.length && distance !== Infinity; i++) {
      const d = editDistance(words[i], id[i])
      distance = d <= Math.max(1, Math.floor(id[i].length / 3)) ? distance + d : Infinity
    }

    if (distance === Infinity) continue
    // Prefer the closest; between equals, the one that accounts for more of what was typed.
    if (!best || distance < best.distance || (distance === best.distance && id.length > best.id.length)) best = {id, distance}
  }

  if (best) return best.id.join(' ')

  // The topic left out: the typed words are the end of exactly one command.
  for (let drop = 1; drop <= 2; drop++) {
    const matches = commands.filter((id) => id.length > drop && id.length - drop <= words.length && id.slice(drop).every((word, i) => word === words[i]))
    if (matches.length === 1) return matches[0].join(' ')
    if (matches.length > 1) return undefined
  }

  return undefined
}

/** The longest run of leading words that names a topic: where the typed command went astray. */
function topicOf(words: string[], config: Interfaces.Config): string[] {
  for (let n = words.length - 1; n > 0; n--) {
    if (config.findTopic(words.slice(0, n).join(':'))) return words.slice(0, n)
  }

  return []
}

/** Optimal string alignment distance: insertions, deletions, substitutions and transpositions. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[][] = Array.from({length: rows}, (_, i) => Array.from({length: cols}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }

  return d[a.length][b.length]
}
