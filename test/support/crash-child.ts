import path from 'node:path'
import { startChild, type LineChild } from './child'

// The crash drills' child: test/support/crash-worker.ts in a process of its own, its printed
// lines collected (each one a write it was told had committed), killed with SIGKILL on demand.

const WORKER = path.join(import.meta.dirname, 'crash-worker.ts')

export function startWorker(args: string[]): LineChild {
  return startChild(WORKER, args)
}
