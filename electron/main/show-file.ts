import { shell } from 'electron'
import { LedgerError } from '../../db/core/errors'
import type { ShowStoredFile } from '../handlers/types'

/**
 * A file on an issue opens in the system viewer, from where the ledger keeps it (read-only): the
 * path is the one the ledger computed from the file's hash after finding its row, nothing a
 * renderer typed, and nothing is copied out.
 */
export const showStoredFile: ShowStoredFile = async (file) => {
  const problem = await shell.openPath(file)
  if (problem !== '') throw new LedgerError('attachment_open_failed', `系统无法打开该附件：${problem}`)
  return null
}
