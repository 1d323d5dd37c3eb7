import path from 'node:path'
import { isUncPath } from '../../db/core/location'

export const LEDGER_FILE_NAME = 'ledger.sqlite'

export interface LedgerFileChoice {
  file: string
  /** True only for the default location, whose folder the app may create itself. */
  isDefault: boolean
}

/**
 * Which ledger file this run opens, first match wins:
 *   1. command line `--ledger=PATH`, e.g. a desktop shortcut `接待日台账.exe --ledger=D:\台账\ledger.sqlite`
 *   2. environment variable `LEDGER_FILE`
 *   3. `<userData>/ledger.sqlite` (on Windows `%APPDATA%\接待日台账\ledger.sqlite`)
 * A relative path is taken from the working directory. The README documents the same rules.
 */
export function chooseLedgerFile(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userData: string,
  cwd: string,
): LedgerFileChoice {
  const fromArgs = argv
    .findLast((arg) => arg.startsWith('--ledger='))
    ?.slice('--ledger='.length)
    .trim()
  const explicit = fromArgs || env['LEDGER_FILE']?.trim()
  // A share's path is kept as typed, so opening refuses it by name (a POSIX resolve would hide the \\).
  if (explicit) return { file: isUncPath(explicit) ? explicit : path.resolve(cwd, explicit), isDefault: false }
  return { file: path.join(userData, LEDGER_FILE_NAME), isDefault: true }
}
