import {spawn} from 'node:child_process'

import {BIN} from './cli.js'
import {TEST_PASSWORD} from './secrets.js'
import {tempDir, tempHome} from './tmp.js'

/**
 * Run the CLI on a real pseudo-terminal (util-linux `script`), as a person at a terminal
 * would: wait until `prompt` appears on the screen, type `answer` and Enter, collect the screen.
 * Without a prompt, nothing is typed (standard input closes at once): for what a terminal shows.
 */
export async function runInTerminal(
  args: string[],
  options: {env: Record<string, string>; prompt?: RegExp; answer?: string; timeoutMs?: number},
): Promise<{code: number | null; screen: string}> {
  const env: Record<string, string> = {PATH: process.env.PATH ?? '', HOME: tempDir('user-home-'), PREFECT_HOME: tempHome(), TERM: 'xterm', ...options.env}
  const command = [process.execPath, BIN, ...args].map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], {env, stdio: ['pipe', 'pipe', 'pipe']})
  let screen = ''
  let answered = false
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk
    if (!answered && options.prompt?.test(screen)) {
      answered = true
      setTimeout(() => child.stdin.write(`${options.answer ?? ''}\r`), 100)
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk))
  if (!options.prompt) child.stdin.end()
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  if (screen.includes(TEST_PASSWORD)) throw new Error(`the terminal showed the test password:\n${screen}`)
  return {code, screen}
}
