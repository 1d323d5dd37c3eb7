import { spawn } from 'node:child_process'

// A tsx child process that prints one fact per line, for tests where a second program works on
// the same ledger (test/support/*-worker.ts). Its stdin stays open until `finish()`: workers that
// hold a ledger let go of it when stdin ends; the crash drills `kill()` it instead.

export interface ChildExit {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
}

export interface LineChild {
  lines: string[]
  /** Resolves once `count` lines matching `pattern` have been printed (or the child ended). */
  waitFor(pattern: RegExp, count?: number): Promise<void>
  /** Ends stdin and waits for the child to exit. */
  finish(): Promise<ChildExit>
  /** SIGKILL, as a crash or the task manager would, and waits for the exit. */
  kill(): Promise<void>
  exited: Promise<ChildExit>
}

export function startChild(script: string, args: string[]): LineChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
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
  const exited = new Promise<ChildExit>((resolve) => {
    proc.on('close', (code, signal) => {
      // A line cut off by a kill was never printed in full: it is not in `lines`.
      for (const w of waiters.splice(0)) w.resolve()
      resolve({ code, signal, stderr })
    })
  })
  return {
    lines,
    waitFor: (pattern, count = 1) =>
      new Promise<void>((resolve) => {
        waiters.push({ pattern, count, resolve })
        check()
      }),
    finish: async () => {
      proc.stdin.end()
      return exited
    },
    kill: async () => {
      proc.kill('SIGKILL')
      await exited
    },
    exited,
  }
}
