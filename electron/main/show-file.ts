import { shell } from 'electron'
import { LedgerError } from '../../db/core/errors'
import type { ShowStoredFile } from '../handlers/types'

/**
 * A file on an issue opens in the system viewer from its decrypted copy in the app's own
 * temporary folder (owner-only, emptied at start and quit): the path is the one the ledger wrote
 * after finding the row and checking the bytes against their hash, nothing a renderer typed.
 */
export const showStoredFile: ShowStoredFile = async (file) => {
  const problem = await shell.openPath(file)
  if (problem !== '') throw new LedgerError('attachment_open_failed', `系统无法打开该附件：${problem}`)
  return null
}
