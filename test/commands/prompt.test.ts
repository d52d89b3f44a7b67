import assert from 'node:assert/strict'

import {forEachDialect, freshDatabaseUrl} from '../harness/databases.js'
import {runCli} from '../harness/cli.js'
import {runInTerminal} from '../harness/terminal.js'

/**
 * The confirmation prompts on a real terminal: "no" aborts with Prefect's line and exit 1 and
 * changes nothing; "yes" goes ahead.
 */
forEachDialect((dialect) => {
  describe('prompts on a terminal', function () {
    it('upgrade: answering no aborts and changes nothing, answering yes upgrades', async () => {
      const url = await freshDatabaseUrl(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: url}
      const prompt = /Are you sure you want to upgrade the Prefect database at/

      const no = await runInTerminal(['server', 'database', 'upgrade'], {env, prompt, answer: 'n'})
      assert.equal(no.code, 1, no.screen)
      assert.match(no.screen, /Database upgrade aborted!/)
      const afterNo = await runCli(['server', 'database', 'current', '--json'], {env})
      assert.equal(JSON.parse(afterNo.stdout).revision, null, 'nothing was migrated')

      const yes = await runInTerminal(['server', 'database', 'upgrade'], {env, prompt, answer: 'y'})
      assert.equal(yes.code, 0, yes.screen)
      assert.match(yes.screen, /Prefect database at .* upgraded!/)
      const afterYes = await runCli(['server', 'database', 'current', '--json'], {env})
      assert.equal(JSON.parse(afterYes.stdout).isHead, true)
    })

    it('reset: answering no keeps every table', async () => {
      const url = await freshDatabaseUrl(dialect)
      const env = {PREFECT_SERVER_DATABASE_CONNECTION_URL: url}
      assert.equal((await runCli(['server', 'database', 'upgrade', '-y'], {env})).code, 0)
      const no = await runInTerminal(['server', 'database', 'reset'], {env, prompt: /reset the Prefect database located at/, answer: 'n'})
      assert.equal(no.code, 1, no.screen)
      // The prompt says what would be dropped: the head schema's tables, alembic_version and our log.
      // The terminal's escape sequences (colour, cursor moves) out, and the wrapping undone.
      // eslint-disable-next-line no-control-regex
      assert.match(no.screen.replace(/\x1B\[[0-9;?]*[A-Za-z]/g, '').replace(/\s+/g, ' '), /This will drop and recreate the (3[6-9]|4\d) Prefect table\(s\), rows and all\./)
      assert.match(no.screen, /Database reset aborted/)
      const after = await runCli(['server', 'database', 'current', '--json'], {env})
      assert.equal(JSON.parse(after.stdout).isHead, true)
    })
  })
})
