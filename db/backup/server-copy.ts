import { assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { write, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import type { ServerLedger } from '../core/open-server'
import { assertPassphraseStrength } from '../keys/envelope'
import type { LedgerKeys } from '../keys/keys'
import { exportToLocal, type ExportLocalResult } from '../move/to-local'

// 立即备份 on a server ledger: the server's own backups are IT's (pg_dump on the server), but a
// supervisor may keep a local copy — the same verified snapshot `ledger export-local` writes,
// encrypted under a recovery passphrase of its own (and sealed for this PC where it can seal).
// The copy holds every personal record, so it is a supervisor's act, in the audit log.

export interface ServerCopyRequest {
  file: string
  passphrase: string
  confirm: string
  /** This PC's key provider with the typed passphrase (the app's safeStorage, a test's sealer). */
  keys: (passphrase: string) => LedgerKeys
}

/** Checked before the save dialog opens: a desk clerk, or a passphrase too weak, is refused before anyone picks a file. */
export async function assertMayCopyServer(ctx: LedgerContext, passphrase: string, confirm: string): Promise<void> {
  await assertSupervisor(ctx, '另存台账服务器的本地副本')
  if (passphrase !== confirm) throw new LedgerError('invalid_input', '两次输入的恢复口令不一致，请重新输入')
  assertPassphraseStrength(passphrase)
}

export async function copyServerToLocal(ctx: LedgerContext, server: ServerLedger, request: ServerCopyRequest): Promise<ExportLocalResult> {
  await assertMayCopyServer(ctx, request.passphrase, request.confirm)
  const made = await exportToLocal(server, request.file, request.keys(request.passphrase), ctx.now)
  await write(ctx, (trx) =>
    audit(trx, ctx, 'copy_to_local', 'ledger', null, {
      file: made.file,
      rows: made.rows,
      auditRows: made.auditRows,
      files: made.files,
      fileProblems: made.fileProblems.length,
    }),
  )
  return made
}
