// Build step after tsc: start-up is dominated by loading modules, so the shipped CLI loads a few
// large files instead of hundreds of small ones.
//   - every command, every oclif hook (dist/hooks), the help class (dist/cli/help.js), and
//     dist/cli/oclif.js which bin/run.js starts from, becomes an ES module bundle; code they share
//     goes to dist/chunks. oclif's core (its many CommonJS modules) is one chunk, so the whole run uses
//     one copy of it; config and profile commands share no chunk with knex and load none of it.
//   - database commands carry knex (hundreds of modules, most of them lodash files) inside their chunks;
//     the drivers (native better-sqlite3, pg) stay external and load only when used.
// The metafile, dist/bundle-meta.json, lets a test check what each command pulls in.
import fs from 'node:fs'
import path from 'node:path'

import {build} from 'esbuild'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const commandsDir = path.join(root, 'dist', 'commands')
const hooksDir = path.join(root, 'dist', 'hooks')
const entryPoints = [
  path.join(root, 'dist', 'cli', 'oclif.js'),
  // bin/run.js's lane for `server database upgrade -y`, which loads no oclif.
  path.join(root, 'dist', 'cli', 'fast-upgrade.js'),
  // oclif's help class (package.json oclif.helpClass), loaded by path by `--help` and `help`.
  path.join(root, 'dist', 'cli', 'help.js'),
  // oclif hooks (package.json oclif.hooks), loaded by path like the commands.
  ...(fs.existsSync(hooksDir) ? fs.readdirSync(hooksDir).filter((file) => file.endsWith('.js')).map((file) => path.join(hooksDir, file)) : []),
  ...fs
    .readdirSync(commandsDir, {recursive: true})
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join(commandsDir, file)),
]

// knex lists every dialect it knows; we ship two. The others become a stub that says so, which
// keeps hundreds of kilobytes out of every command's start-up.
const UNUSED_DIALECTS = /^\.\/(cockroachdb|mssql|mysql|mariadb|mysql2|oracle|oracledb|pgnative|redshift)$/
const unusedDialects = {
  name: 'unused-knex-dialects',
  setup(builder) {
    builder.onResolve({filter: UNUSED_DIALECTS}, (args) =>
      args.importer.endsWith(path.join('knex', 'lib', 'dialects', 'index.js')) ? {path: args.path, namespace: 'unused-dialect'} : undefined,
    )
    builder.onLoad({filter: /.*/, namespace: 'unused-dialect'}, (args) => ({
      contents: `throw new Error(${JSON.stringify(`The knex dialect ${args.path} is not part of prefect-dbadmin.`)})`,
      loader: 'js',
    }))
  },
}

fs.rmSync(path.join(root, 'dist', 'chunks'), {recursive: true, force: true})
const result = await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [unusedDialects],
  entryPoints,
  outdir: root,
  outbase: root,
  chunkNames: 'dist/chunks/[name]-[hash]',
  splitting: true,
  allowOverwrite: true,
  format: 'esm',
  metafile: true,
  // knex's other dialects name drivers we do not ship; they are required only when used.
  // oclif's development mode (TypeScript sources) alone reaches for typescript, ts-node and tsx.
  external: ['ts-node', 'tsx', 'better-sqlite3', 'pg', 'pg-native', 'pg-query-stream', 'sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/*', 'oracledb', 'tedious', '@inquirer/prompts', 'chalk', 'cosmiconfig', 'smol-toml', 'dotenv', 'typescript'],
  // Bundled CommonJS (knex) calls require() for the external drivers: give ESM a require.
  banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
})

// bin/run.js's settings lane (config view/set, profile ls/use) is one self-contained module: the
// packages it needs (chalk, dotenv, smol-toml) inside it, no chunk shared with the commands, so its
// start-up reads one file instead of about thirty. cosmiconfig (only with a prefect.toml or
// pyproject.toml in the directory) and the prompt library stay outside and load only when used.
const lane = await build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  entryPoints: [path.join(root, 'dist', 'cli', 'fast-settings.js')],
  outfile: path.join(root, 'dist', 'cli', 'fast-settings.js'),
  allowOverwrite: true,
  format: 'esm',
  metafile: true,
  external: ['@oclif/*', 'knex', 'better-sqlite3', 'pg', 'cosmiconfig', '@inquirer/prompts', 'typescript'],
  // dotenv is CommonJS: its require() of node built-ins needs a require in an ES module.
  banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
})
const meta = {inputs: {...result.metafile.inputs, ...lane.metafile.inputs}, outputs: {...result.metafile.outputs, ...lane.metafile.outputs}}
fs.writeFileSync(path.join(root, 'dist', 'bundle-meta.json'), JSON.stringify(meta))
console.log(`bundled ${entryPoints.length - 1} commands, hooks and the help class, and the oclif entry; the settings lane on its own`)
