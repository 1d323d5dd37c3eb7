import path from 'node:path'
import { assertSupervisor } from '../core/access'
import { audit } from '../core/audit'
import { stamp, write, type LedgerContext } from '../core/context'
import { LedgerError } from '../core/errors'
import { ledgerIdOf } from '../core/identity'
import type { LocalLedger } from '../core/open'
import { backupFolderOf, defaultBackupFolder, listBackupFiles } from '../backup/files'
import { readManifest, writeManifestFile } from '../backup/manifest'
import type { RecoverySheet, RecoveryStatus } from '../../shared/types'
import { connectionKey } from './cipher'
import { assertPassphraseStrength, keyCheck, MIN_PASSPHRASE_LENGTH, type KeyEnvelope } from './envelope'
import { envelopeOfKey, resealed, withRecovery, writeKeyFile } from './keys'

// The recovery passphrase: set by a supervisor (their own PIN), written on the A4 recovery sheet
// for the safe, and the one way to open the ledger or a backup on another PC. Setting or
// changing it rewraps the same key (the file is not re-encrypted): the key file beside the
// ledger and the manifests of this ledger's backups in its backup folders get the new wrap.
// Copies already taken elsewhere (a USB stick) still open with the passphrase they were made
// under; the README says so.

function currentEnvelope(ledger: LocalLedger): { key: Buffer; envelope: KeyEnvelope } | null {
  const key = connectionKey(ledger.sqlite)
  if (key === null) return null
  const envelope = envelopeOfKey(ledger.file, key)
  return envelope === null ? null : { key, envelope }
}

export function recoveryStatus(ledger: LocalLedger): RecoveryStatus {
  const current = currentEnvelope(ledger)
  return {
    encrypted: current !== null,
    recoverySet: current?.envelope.recovery != null,
    setAt: current?.envelope.recovery?.setAt ?? null,
    sealedHere: current?.envelope.sealed != null,
    keyCheck: current === null ? null : keyCheck(current.key),
    minLength: MIN_PASSPHRASE_LENGTH,
  }
}

/** This ledger's copies in the folders it backs up to: the ones whose manifests carry its key. */
function rewrapBackups(ledger: LocalLedger, envelope: KeyEnvelope): number {
  const id = ledgerIdOf(ledger.sqlite)
  const folders = [...new Set([backupFolderOf(ledger.sqlite, ledger.file).folder, defaultBackupFolder(ledger.file)])]
  let n = 0
  for (const b of folders.flatMap((f) => listBackupFiles(f, id))) {
    const m = readManifest(b.file)
    if (m?.key == null || m.key.check !== envelope.check) continue
    // The seal stays this PC's; only the recovery wrap changes.
    writeManifestFile(b.file, { ...m, key: { ...m.key, recovery: envelope.recovery } })
    n++
  }
  return n
}

export async function setRecoveryPassphrase(
  ctx: LedgerContext,
  ledger: LocalLedger,
  passphrase: string,
  confirm: string,
): Promise<RecoveryStatus> {
  await assertSupervisor(ctx, '设置恢复口令')
  if (passphrase !== confirm) throw new LedgerError('invalid_input', '两次输入的恢复口令不一致，请重新输入')
  assertPassphraseStrength(passphrase)
  const current = currentEnvelope(ledger)
  if (current === null || ledger.keys === null) throw new LedgerError('not_encrypted', '该台账文件未加密，无法设置恢复口令')
  const { key, envelope } = current
  const next = withRecovery(resealed(envelope, key, ledger.keys), key, passphrase, ledger.keys, ctx.now())
  const changing = envelope.recovery !== null
  await write(ctx, async (trx) => {
    await audit(trx, ctx, changing ? 'change_recovery_passphrase' : 'set_recovery_passphrase', 'ledger', null, {
      keyCheck: next.check,
      setAt: next.recovery?.setAt ?? null,
    })
    // Inside the transaction: should the key file not be written, the audit row goes too.
    writeKeyFile(ledger.file, [next])
  })
  rewrapBackups(ledger, next)
  return recoveryStatus(ledger)
}

/** What the recovery sheet prints (the passphrase aside): a supervisor's act, in the audit log. */
export async function recoverySheet(ctx: LedgerContext, ledger: LocalLedger): Promise<RecoverySheet> {
  await assertSupervisor(ctx, '打印恢复口令单')
  const status = recoveryStatus(ledger)
  if (!status.recoverySet || status.keyCheck === null || status.setAt === null) {
    throw new LedgerError('invalid_input', '尚未设置恢复口令：请先在“设置 → 加密与恢复口令”中设置，再打印恢复口令单')
  }
  const printedAt = stamp(ctx)
  await write(ctx, (trx) => audit(trx, ctx, 'print_recovery_sheet', 'ledger', null, { keyCheck: status.keyCheck, setAt: status.setAt }))
  return {
    ledgerId: ledgerIdOf(ledger.sqlite),
    ledgerFile: path.resolve(ledger.file),
    keyCheck: status.keyCheck,
    setAt: status.setAt,
    printedAt,
    printedBy: ctx.actor.name,
  }
}
