import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'

import {runCli} from '../harness/cli.js'
import {tempDir} from '../harness/tmp.js'

/** `revision -m` writes a file at the head of the chain and lists it in index.ts. */
describe('prefect server database revision', () => {
  it('writes a new revision after the head and appends it to index.ts', async () => {
    const dir = tempDir('migrations-')
    fs.writeFileSync(path.join(dir, '2024_01_01_000000_aaaaaaaaaaaa_first.ts'), "const revision = {\n  revision: 'aaaaaaaaaaaa',\n  downRevision: null,\n}\n")
    fs.writeFileSync(path.join(dir, '2024_02_01_000000_bbbbbbbbbbbb_second.ts'), "const revision = {\n  revision: 'bbbbbbbbbbbb',\n  downRevision: 'aaaaaaaaaaaa',\n}\n")
    fs.writeFileSync(
      path.join(dir, 'index.ts'),
      "import first from './2024_01_01_000000_aaaaaaaaaaaa_first.js'\nimport second from './2024_02_01_000000_bbbbbbbbbbbb_second.js'\nimport type {Revision} from './types.js'\n\nexport const revisions: Revision[] = [\n  first,\n  second,\n]\n",
    )
    const result = await runCli(['server', 'database', 'revision', '-m', "Add the flow run's index", '--migrations-dir', dir, '--json'])
    assert.equal(result.code, 0, result.stderr)
    const created = JSON.parse(result.stdout) as {revision: string; downRevision: string; file: string}
    assert.match(created.revision, /^[0-9a-f]{12}$/)
    assert.equal(created.downRevision, 'bbbbbbbbbbbb')
    assert.match(path.basename(created.file), new RegExp(`^\\d{4}_\\d\\d_\\d\\d_\\d{6}_${created.revision}_add_the_flow_run_s_index\\.ts$`))
    const text = fs.readFileSync(created.file, 'utf8')
    assert.match(text, new RegExp(`revision: '${created.revision}'`))
    assert.match(text, /downRevision: 'bbbbbbbbbbbb'/)
    assert.match(text, /message: "Add the flow run's index"/)
    const index = fs.readFileSync(path.join(dir, 'index.ts'), 'utf8')
    const stem = path.basename(created.file, '.ts')
    assert.match(index, new RegExp(`import second from .*\\nimport addTheFlowRunSIndex from './${stem}.js'\\nimport type`))
    assert.match(index, / {2}second,\n {2}addTheFlowRunSIndex,\n\]/)
  })
})

describe('prefect server database revision without --migrations-dir', () => {
  it("refuses to add a revision to Prefect's chains, in one line with exit 2", async () => {
    const result = await runCli(['server', 'database', 'revision', '-m', 'mine'])
    assert.equal(result.code, 2, result.stderr)
    assert.match(result.stderr, /Prefect's revision chains are Prefect's.*--migrations-dir/s)
  })
})
