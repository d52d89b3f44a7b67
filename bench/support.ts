/**
 * What the whole-process benchmarks (copy, backup, vacuum) share: a scratch directory with a
 * clean environment, a command timed under /usr/bin/time, and the figures' formatting.
 */
import {spawn} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface Run {
  wallMs: number
  peakRssMb: number
  stdout: string
}

/** A scratch directory, and an environment with HOME and PREFECT_HOME in it and no other PREFECT_* variable. */
export function benchWork(name: string): {work: string; baseEnv: NodeJS.ProcessEnv} {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `prefect-bench-${name}-`))
  const baseEnv: NodeJS.ProcessEnv = {...process.env, HOME: work, PREFECT_HOME: path.join(work, '.prefect'), NO_COLOR: '1'}
  for (const key of Object.keys(baseEnv)) if (key.startsWith('PREFECT_') && key !== 'PREFECT_HOME') delete baseEnv[key]
  return {work, baseEnv}
}

/** A whole process (`command`: the executable and its arguments) under /usr/bin/time: wall time, peak RSS, stdout. */
export async function timed(work: string, command: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const timeFile = path.join(work, `time-${Math.random()}.txt`)
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, ...command], {env, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const wallMs = performance.now() - started
  if (code !== 0) throw new Error(`${command.join(' ')} exited ${code}: ${stderr}`)
  const peakRssMb = Number(fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024
  fs.rmSync(timeFile, {force: true})
  return {wallMs, peakRssMb, stdout}
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
