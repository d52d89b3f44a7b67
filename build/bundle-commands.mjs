// Build step after tsc: bundle each database command with knex (and its ~300 lodash modules)
// into one file, so that start-up loads one module instead of hundreds. The database drivers
// (native better-sqlite3, pg) and oclif itself stay external; config and profile commands load
// no knex and are left as tsc wrote them.
import fs from 'node:fs'
import path from 'node:path'

import {build} from 'esbuild'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const dirs = ['dist/commands/server/database', 'dist/commands/orion/database']
const entryPoints = dirs.flatMap((dir) =>
  fs.readdirSync(path.join(root, dir)).filter((file) => file.endsWith('.js')).map((file) => path.join(root, dir, file)),
)

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

await build({
  plugins: [unusedDialects],
  entryPoints,
  outdir: root,
  outbase: root,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // knex's other dialects name drivers we do not ship; they are required only when used.
  external: ['@oclif/core', '@oclif/core/*', 'better-sqlite3', 'pg', 'pg-native', 'pg-query-stream', 'sqlite3', 'mysql', 'mysql2', 'mariadb', 'mariadb/*', 'oracledb', 'tedious', '@inquirer/prompts', 'chalk', 'cosmiconfig', 'smol-toml', 'dotenv', 'typescript'],
  // Bundled CommonJS (knex) calls require() for the external drivers: give ESM a require.
  banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
})
console.log(`bundled ${entryPoints.length} database commands`)
