import { spawn } from 'node:child_process'
import path from 'node:path'
import { TEST_RECOVERY_PASSPHRASE } from './keys'

const CLI = path.join(import.meta.dirname, '../../tools/cli/ledger.ts')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export interface CliOptions {
  /** The environment besides this process's; by default the test recovery passphrase in LEDGER_PASSPHRASE. */
  env?: Record<string, string | undefined>
  /** Typed at the prompt (the pipe's first line). */
  stdin?: string
}

/** `npm run ledger -- …` in a child process, as IT staff run it; a failing exit is a result, not a throw. */
export function ledgerCliWith(options: CliOptions, ...args: string[]): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env, LEDGER_PASSPHRASE: TEST_RECOVERY_PASSPHRASE, ...options.env }
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}

/** As IT staff run it, with the recovery passphrase in the environment (as a script would give it). */
export function ledgerCli(...args: string[]): Promise<CliResult> {
  return ledgerCliWith({}, ...args)
}
