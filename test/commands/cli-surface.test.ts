import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {RELEASES} from '../../src/migrations/prefect-data.js'
import {PROJECT_ROOT, runCli} from '../harness/cli.js'
import {tempHome} from '../harness/tmp.js'
import {chainIds} from '../support/chains.js'

/** What the CLI says about commands it does not have, its topics' help, and `prefect version` (issue 9). */

/** What a directory holds; none when it does not exist. */
function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir, {recursive: true, encoding: 'utf8'}) : []
}

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '')
  assert.equal(lines.length, 1, stderr)
  assert.doesNotMatch(stderr, /^\s+at |›|Error:/m)
  return lines[0]
}

describe('unknown commands', () => {
  const serverOnly: Array<[string[], string]> = [
    [['server', 'start'], 'server start'],
    [['server', 'start', '--host', '0.0.0.0', '--port', '4200'], 'server start'],
    [['server', 'stop'], 'server stop'],
    [['server', 'services', 'ls'], 'server services ls'],
    [['server', 'services', 'start'], 'server services start'],
    [['orion', 'start'], 'server start'],
  ]
  for (const [args, instead] of serverOnly) {
    it(`prefect ${args.join(' ')}: one line saying this tool administers the database only and what to run instead, exit 2`, async () => {
      const home = tempHome()
      const result = await runCli(args, {env: {PREFECT_HOME: home}})
      assert.equal(result.code, 2, result.stderr)
      assert.equal(result.stdout, '')
      const line = oneLine(result.stderr)
      assert.match(line, new RegExp(`^'prefect ${args.filter((arg) => !arg.startsWith('-') && !/^[\d.]+$/.test(arg)).join(' ')}' belongs to Prefect's server`))
      assert.match(line, /administers the server's database only/)
      assert.ok(line.includes(`'uvx prefect ${instead}'`), line)
      assert.ok(line.includes("'pip install prefect'"), line)
      assert.deepEqual(filesIn(home), [], 'nothing written')
    })
  }

  it('prefect worker start: a command of Python Prefect, with what to run instead, exit 2', async () => {
    const result = await runCli(['worker', 'start', '--pool', 'default'])
    assert.equal(result.code, 2, result.stderr)
    const line = oneLine(result.stderr)
    assert.match(line, /^'prefect worker start' is a command of Python Prefect/)
    assert.ok(line.includes("'uvx prefect worker start'"), line)
  })

  const near: Array<[string[], string]> = [
    [['server', 'databse', 'upgrade', '-y'], 'server database upgrade'],
    [['server', 'database', 'upgrad'], 'server database upgrade'],
    [['server', 'database', 'downgarde', '-r', 'base'], 'server database downgrade'],
    [['database', 'upgrade', '-y'], 'server database upgrade'],
    [['current'], 'server database current'],
    [['confg', 'view'], 'config view'],
    [['profile', 'lst'], 'profile ls'],
    [['versoin'], 'version'],
  ]
  for (const [args, suggestion] of near) {
    it(`prefect ${args.join(' ')}: did you mean 'prefect ${suggestion}'?, exit 2, nothing done`, async () => {
      const home = tempHome()
      const result = await runCli(args, {env: {PREFECT_HOME: home}})
      assert.equal(result.code, 2, result.stderr)
      assert.equal(result.stdout, '')
      const typed = args.filter((arg, i) => !arg.startsWith('-') && !args[i - 1]?.startsWith('-')).join(' ')
      assert.equal(oneLine(result.stderr), `Unknown command 'prefect ${typed}'. Did you mean 'prefect ${suggestion}'?`)
      assert.deepEqual(filesIn(home), [], 'no database created')
    })
  }

  it('with no near command, points at the help of the topic it went astray in', async () => {
    const top = await runCli(['frobnicate'])
    assert.equal(top.code, 2)
    assert.equal(oneLine(top.stderr), "Unknown command 'prefect frobnicate'. See 'prefect --help' for the commands.")
    const inTopic = await runCli(['server', 'database', 'frobnicate'])
    assert.equal(inTopic.code, 2)
    assert.equal(oneLine(inTopic.stderr), "Unknown command 'prefect server database frobnicate'. See 'prefect server database --help' for the commands.")
  })

  it('does not suggest a command that is merely similar in length (start is not stamp)', async () => {
    const result = await runCli(['server', 'database', 'start'])
    assert.equal(result.code, 2)
    assert.doesNotMatch(oneLine(result.stderr), /Did you mean/)
  })

  it('help for a command this tool does not have answers as running it does (--help and the help command)', async () => {
    const run = await runCli(['server', 'start'])
    for (const args of [['server', 'start', '--help'], ['help', 'server', 'start'], ['server', 'start', '--port', '4200', '--help']]) {
      const result = await runCli(args)
      assert.equal(result.code, 2, result.stderr)
      assert.equal(result.stdout, '')
      assert.equal(oneLine(result.stderr), oneLine(run.stderr))
    }

    const typo = await runCli(['server', 'databse', 'upgrade', '--help'])
    assert.equal(typo.code, 2)
    assert.equal(oneLine(typo.stderr), "Unknown command 'prefect server databse upgrade'. Did you mean 'prefect server database upgrade'?")
    // Help for what exists is unchanged.
    for (const args of [['server', 'database', 'upgrade', '--help'], ['help', 'server', 'database'], ['--help']]) {
      const result = await runCli(args)
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /^USAGE$/m)
    }
  })

  it('--json: the error object on stdout, as the commands print theirs', async () => {
    const result = await runCli(['server', 'start', '--json'])
    assert.equal(result.code, 2)
    assert.equal(result.stderr, '')
    const {error} = JSON.parse(result.stdout) as {error: {message: string; exitCode: number; type: string}}
    assert.equal(error.exitCode, 2)
    assert.equal(error.type, 'UsageError')
    assert.match(error.message, /^'prefect server start' belongs to Prefect's server/)
  })

  it('the hook and the help class ship: registered in package.json and bundled into dist', () => {
    const pjson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {files: string[]; oclif: {hooks: Record<string, string>; helpClass: string}}
    assert.ok(pjson.files.includes('dist'))
    const meta = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as {outputs: Record<string, unknown>}
    for (const target of [pjson.oclif.hooks.command_not_found, pjson.oclif.helpClass]) {
      assert.ok(target.startsWith('./dist/'), target)
      assert.ok(fs.existsSync(path.join(PROJECT_ROOT, target)), target)
      assert.ok(meta.outputs[target.slice(2)], `${target} bundled by build/bundle-commands.mjs`)
    }
  })
})

describe('topic help', () => {
  it("the server topic says it works on the server's database and does not promise to start a server", async () => {
    for (const args of [['--help'], ['server', '--help']]) {
      const result = await runCli(args)
      assert.equal(result.code, 0, result.stderr)
      assert.match(result.stdout, /Interact with the Prefect server's database\./)
      assert.doesNotMatch(result.stdout, /Start a Prefect server/i)
    }
  })
})

describe('prefect version', () => {
  /** The release a chain head belongs to, computed here independently of the command. */
  function expectedHead(dialect: 'sqlite' | 'postgresql'): string {
    const ids = chainIds(dialect)
    const head = ids.at(-1)!
    const column = dialect === 'sqlite' ? 1 : 2
    const at = RELEASES.filter((row) => row[column] === head)
    if (at.length > 0) return `${head} (head of Prefect ${at.at(-1)![0]})`
    const older = RELEASES.filter((row) => ids.includes(row[column])).at(-1)![0]
    return `${head} (newer than Prefect ${older})`
  }

  const sqliteVersion = (): string => {
    const db = new Database(':memory:')
    try {
      return (db.prepare('select sqlite_version() as v').get() as {v: string}).v
    } finally {
      db.close()
    }
  }

  for (const args of [['version'], ['-v'], ['--version'], ['-p', 'nowhere', '-v'], ['--no-prompt', 'version']]) {
    it(`prefect ${args.join(' ')} prints aligned Key: value lines`, async () => {
      const result = await runCli(args)
      assert.equal(result.code, 0, result.stderr)
      assert.equal(result.stderr, '')
      const pjson = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {version: string}
      const lines = result.stdout.trimEnd().split('\n')
      const column = lines[0].search(/\S+$/)
      for (const line of lines) assert.match(line, /^[A-Za-z./ ]+: +\S/, line)
      for (const line of lines) assert.equal(line.search(/(?<=: +)\S/), column, `aligned: ${line}`)
      const values = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(column)]))
      assert.deepEqual(values, {
        Version: pjson.version,
        'SQLite chain head': expectedHead('sqlite'),
        'PostgreSQL chain head': expectedHead('postgresql'),
        'SQLite version': sqliteVersion(),
        'Node.js version': process.versions.node,
        'OS/Arch': `${process.platform}/${process.arch}`,
      })
    })
  }

  it('both heads are newer than Prefect 3.8.3 today', async () => {
    const result = await runCli(['version'])
    assert.match(result.stdout, /^SQLite chain head: +f416ea180ae1 \(newer than Prefect 3\.8\.3\)$/m)
    assert.match(result.stdout, /^PostgreSQL chain head: +9e9dadc36797 \(newer than Prefect 3\.8\.3\)$/m)
  })

  it('--json (and --version --json) prints the object', async () => {
    for (const args of [['version', '--json'], ['--version', '--json']]) {
      const result = await runCli(args)
      assert.equal(result.code, 0, result.stderr)
      const info = JSON.parse(result.stdout) as Record<string, unknown>
      assert.deepEqual(info.heads, {
        sqlite: {revision: chainIds('sqlite').at(-1), release: null, newerThan: '3.8.3'},
        postgresql: {revision: chainIds('postgresql').at(-1), release: null, newerThan: '3.8.3'},
      })
      assert.equal(info.sqliteVersion, sqliteVersion())
      assert.equal(info.nodeVersion, process.versions.node)
    }
  })

  it('an unknown flag is a usage error (exit 2)', async () => {
    const result = await runCli(['version', '--frob'])
    assert.equal(result.code, 2)
    assert.match(oneLine(result.stderr), /--frob/)
  })
})

interface Metafile {
  outputs: Record<string, {imports: Array<{path: string; kind: string; external?: boolean}>; inputs: Record<string, unknown>}>
}

/** Inputs and external packages an output loads through static imports (dynamic import() is lazy). */
function staticLoad(meta: Metafile, output: string, seen = new Set<string>(), found = {inputs: new Set<string>(), externals: new Set<string>()}) {
  if (seen.has(output)) return found
  seen.add(output)
  const entry = meta.outputs[output]
  assert.ok(entry, `${output} is not in the metafile`)
  for (const input of Object.keys(entry.inputs)) found.inputs.add(input)
  for (const imported of entry.imports) {
    if (imported.kind !== 'import-statement' && imported.kind !== 'require-call') continue
    if (imported.external) found.externals.add(imported.path)
    else staticLoad(meta, imported.path, seen, found)
  }

  return found
}

describe('version and the unknown-command hook start light', () => {
  const meta = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'dist', 'bundle-meta.json'), 'utf8')) as Metafile
  for (const output of ['dist/commands/version.js', 'dist/hooks/command-not-found.js']) {
    it(`${output} loads no knex, pg or better-sqlite3 up front`, () => {
      const {inputs, externals} = staticLoad(meta, output)
      for (const name of ['knex', 'pg', 'better-sqlite3']) {
        assert.ok(![...inputs].some((input) => input.includes(`node_modules/${name}/`)), `${name} bundled into ${output}`)
        assert.ok(![...externals].some((specifier) => specifier === name || specifier.startsWith(`${name}/`)), `${name} imported by ${output}`)
      }
    })
  }

  it('the hook does not carry a copy of oclif', () => {
    const {inputs} = staticLoad(meta, 'dist/hooks/command-not-found.js')
    assert.ok(![...inputs].some((input) => input.includes('node_modules/@oclif/')), [...inputs].join(', '))
  })
})
