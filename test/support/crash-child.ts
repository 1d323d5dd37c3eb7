import { spawn } from 'node:child_process'
import path from 'node:path'

// The crash drills' child: test/support/crash-worker.ts in a process of its own, its printed
// lines collected (each one a write it was told had committed), killed with SIGKILL on demand.

const WORKER = path.join(import.meta.dirname, 'crash-worker.ts')

export interface Child {
  lines: string[]
  /** Resolves once `count` lines matching `pattern` have been printed (or the child ended). */
  waitFor(pattern: RegExp, count: number): Promise<void>
  kill(): Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
}

export function startWorker(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let buffered = ''
  let stderr = ''
  const waiters: { pattern: RegExp; count: number; resolve: () => void }[] = []
  const check = () => {
    for (const w of [...waiters]) {
      if (lines.filter((l) => w.pattern.test(l)).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve()
      }
    }
  }
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    lines.push(...parts.filter((p) => p !== ''))
    check()
  })
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    proc.on('close', (code, signal) => {
      // A line cut off by the kill was never acknowledged in full: it does not count.
      for (const w of waiters.splice(0)) w.resolve()
      resolve({ code, signal, stderr })
    })
  })
  return {
    lines,
    waitFor: (pattern, count) =>
      new Promise<void>((resolve) => {
        waiters.push({ pattern, count, resolve })
        check()
      }),
    kill: async () => {
      proc.kill('SIGKILL')
      await exited
    },
    exited,
  }
}
