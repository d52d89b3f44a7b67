import assert from 'node:assert/strict'

import {runCli} from '../harness/cli.js'
import {forEachDialect} from '../harness/databases.js'
import {alembicVersion, freshTarget, query} from '../migrator/fixtures.js'

/** `upgrade --plan`: each revision with the tables it touches and their real row counts; nothing changes. */
describe('prefect server database upgrade --plan', () => {
  forEachDialect((dialect) => {
    it('names the tables each revision touches with their row counts, calls out the heavy steps, and changes nothing', async () => {
      const db = await freshTarget(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: db.url}
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y', '-r', '3.0.0'], {env})).code, 0)
      const before = await alembicVersion(db)
      const taskRuns = dialect === 'sqlite'
        ? "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120000) INSERT INTO task_run (id, name, task_key, dynamic_key) SELECT printf('%08x-0000-4000-8000-000000000000', i), 't', 'k', i FROM n"
        : "INSERT INTO task_run (name, task_key, dynamic_key) SELECT 't', 'k', i::text FROM generate_series(1, 120000) i"
      await query(db, taskRuns)
      await query(db, "INSERT INTO variable (name, value) VALUES ('a', '\"x\"')")

      const plan = await runCli(['server', 'database', 'upgrade', '--plan', '--json'], {env})
      assert.equal(plan.code, 0, plan.stderr)
      const report = JSON.parse(plan.stdout) as {to: string; steps: Array<{revision: string; tables: Array<{name: string; rows: number | null}>; operations: string[]}>; warnings: string[]}
      // Dropping task_run's state_id foreign key: an ALTER TABLE on PostgreSQL; on SQLite task_run's
      // definition rewritten in sqlite_schema, its rows not copied, so not called out.
      const dropFk = report.steps.find((step) => step.revision === (dialect === 'sqlite' ? '8bb517bae6f9' : '3b86c5ea017a'))
      assert.ok(dropFk, 'the plan has the foreign key revision')
      assert.equal(dropFk.tables.find((table) => table.name === 'task_run')?.rows, 120000)
      assert.ok(dropFk.operations.includes(dialect === 'sqlite' ? 'definition rewrite' : 'ACCESS EXCLUSIVE lock'), dropFk.operations.join(', '))
      assert.ok(!dropFk.operations.includes('table rebuild'), dropFk.operations.join(', '))
      const warned = report.warnings.some((line) => line.startsWith(dropFk.revision) && line.includes('task_run (120,000 rows)'))
      assert.equal(warned, dialect === 'postgresql', report.warnings.join('\n'))
      assert.equal(await alembicVersion(db), before, 'nothing was migrated')

      const text = await runCli(['server', 'database', 'upgrade', '--plan'], {env})
      assert.equal(text.code, 0, text.stderr)
      assert.match(text.stdout, /^ {4}task_run: 120,000 rows$/m)
      if (dialect === 'postgresql') assert.match(text.stderr, /task_run \(120,000 rows\)/)
    })
  })
})
