import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const CLI = path.join(import.meta.dirname, '../../tools/cli/ledger.ts')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** `npm run ledger -- …` in a child process, as IT staff run it; a failing exit is a result, not a throw. */
export function ledgerCli(...args: string[]): Promise<CliResult> {
  return run(process.execPath, ['--import', 'tsx', CLI, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  )
}
