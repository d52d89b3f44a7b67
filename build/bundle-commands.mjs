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

// What every build below shares.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [unusedDialects],
  outdir: root,
  outbase: root,
  allowOverwrite: true,
  format: 'esm',
  metafile: true,
  // knex's other dialects name drivers we do not ship; they are required only when used.
  // oclif's development mode (TypeScript sources) alone reaches for typescript, ts-node and tsx.
  // chalk, smol-toml and dotenv are bundled: resolving a package and reading its dozen files costs
  // more at start-up than the code; cosmiconfig and the prompt library load only when used.
  external: ['ts-node', 'tsx', 'better-sqlite3', 'pg', 'pg-native', 'pg-query-stream', 'sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/*', 'oracledb', 'tedious', '@inquirer/prompts', 'cosmiconfig', 'typescript'],
  // Bundled CommonJS (knex, dotenv) calls require() for the external drivers and node's modules: give ESM a require.
  banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
}

fs.rmSync(path.join(root, 'dist', 'chunks'), {recursive: true, force: true})
fs.rmSync(path.join(root, 'dist', 'lane-chunks'), {recursive: true, force: true})
const result = await build({...common, entryPoints, chunkNames: 'dist/chunks/[name]-[hash]', splitting: true})

// bin/run.js's start-up lanes are built apart from the commands, so that what each loads up front
// is one file: an ES module costs its resolution, read, compile and link, and a lane split into the
// commands' shared chunks read about twenty-five of them. Nothing of a lane's is shared with the
// oclif path (a process runs one or the other).
//   - `server database upgrade -y` (fast-upgrade.js): one module, the front, which answers the no-op
//     upgrade on SQLite from the settings and one read, and loads the driver only for that read. The
//     upgrade itself (upgrade-lane.js, external here) loads only when there is work to do, from a
//     build of its own whose lazy parts (knex, the baseline, revisions, drivers' helpers) are in
//     dist/lane-chunks; it shares no module with the front (it resolves the settings again, about
//     2 ms). Built as two entries of one build sharing their chunks instead, the front was about 14
//     files and the no-op upgrade took about 9% longer, for no gain on a fresh install.
//   - config view/set, profile ls/use (fast-settings.js): one module, nothing lazy but dotenv (only
//     with a .env file) and cosmiconfig (only with a settings file).
const upgradeLaneExternal = {
  name: 'upgrade-lane-external',
  setup(builder) {
    builder.onResolve({filter: /^\.\/upgrade-lane\.js$/}, (args) => ({path: args.path, external: true}))
  },
}
const upgradeFront = await build({
  ...common,
  entryPoints: [path.join(root, 'dist', 'cli', 'fast-upgrade.js')],
  external: [...common.external, '@oclif/*', 'knex'],
  plugins: [...common.plugins, upgradeLaneExternal],
})
const upgradeLane = await build({
  ...common,
  entryPoints: [path.join(root, 'dist', 'cli', 'upgrade-lane.js')],
  chunkNames: 'dist/lane-chunks/[name]-[hash]',
  splitting: true,
})
const settingsLane = await build({...common, entryPoints: [path.join(root, 'dist', 'cli', 'fast-settings.js')], external: [...common.external, '@oclif/*', 'knex']})
const meta = {inputs: {}, outputs: {}}
for (const built of [result, upgradeFront, upgradeLane, settingsLane]) {
  Object.assign(meta.inputs, built.metafile.inputs)
  Object.assign(meta.outputs, built.metafile.outputs)
}

fs.writeFileSync(path.join(root, 'dist', 'bundle-meta.json'), JSON.stringify(meta))
console.log(`bundled ${entryPoints.length - 1} commands, hooks and the help class, and the oclif entry; the two start-up lanes apart`)
