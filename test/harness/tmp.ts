import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prefect-dbadmin-test-'))
process.on('exit', () => {
  if (!process.env.PREFECT_TEST_KEEP_TMP) fs.rmSync(root, {recursive: true, force: true})
})

/** A new empty directory, removed when the test process exits. */
export function tempDir(prefix = 'tmp-'): string {
  return fs.mkdtempSync(path.join(root, prefix))
}

/** A fresh PREFECT_HOME (not yet created, as on a new machine) inside a fresh directory. */
export function tempHome(): string {
  return path.join(tempDir('home-'), '.prefect')
}
