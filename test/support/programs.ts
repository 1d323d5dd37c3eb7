import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

// Stand-ins for system programs, so the set-up and preflight tests can show what a machine with
// or without them is told, without installing or removing anything.

export function scratchDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** An executable file at dir/relative: a shell script, or an empty stand-in that is only looked for. */
export function program(dir: string, relative: string, script = '#!/bin/sh\nexit 0\n'): string {
  const file = path.join(dir, relative)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, script, { mode: 0o755 })
  return file
}

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** A Node script in a child process with exactly the given environment. */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(process.execPath, [script, ...args], { env, encoding: 'utf8', timeout: 60_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
