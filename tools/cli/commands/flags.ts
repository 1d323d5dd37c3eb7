// The flags of `npm run ledger`, parsed before any command is loaded, and the usage error every
// command throws: nothing here reaches a database driver, so `--help` and a mistyped flag answer fast.
import type { parseArgs, ParseArgsConfig } from 'node:util'

/** Every flag any command takes: parsed once, strictly, so a flag no command knows is an error. */
export const OPTIONS = {
  db: { type: 'string' },
  month: { type: 'string' },
  json: { type: 'boolean', default: false },
  year: { type: 'string' },
  csv: { type: 'boolean', default: false },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  in: { type: 'string' },
  mapping: { type: 'string' },
  sheet: { type: 'string' },
  kind: { type: 'string' },
  location: { type: 'string' },
  batch: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'skip-bad': { type: 'boolean', default: false },
  anchor: { type: 'string', multiple: true },
  'passphrase-file': { type: 'string' },
  pg: { type: 'string' },
  role: { type: 'string' },
} satisfies NonNullable<ParseArgsConfig['options']>

export type CliValues = ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values']

/** A command's body: the parsed flags in, the exit code out. */
export type Command = (values: CliValues) => Promise<number>

/** A mistake in how the command was called: printed with the usage text, never with a stack trace. */
export class UsageError extends Error {}

export const usage = (message: string) => new UsageError(message)
