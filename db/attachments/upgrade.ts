import type Database from 'better-sqlite3-multiple-ciphers'
import { backupFolderOf, defaultBackupFolder, listBackupFiles } from '../backup/files'
import { backupStore, readManifest, writeManifestFile } from '../backup/manifest'
import { ledgerIdOf } from '../core/identity'
import { connectionKey } from '../keys/cipher'
import { keyCheck } from '../keys/envelope'
import { fileCondition, ledgerStore, removeStalePartials, removeViewableLinks, sealInPlace, storedNamesIn, type FileStore } from './store'

// Files on issues from before they were encrypted (a ledger encrypted by an earlier version kept
// them plain, and made viewer links `<sha256>.pdf` beside them) are sealed when the ledger opens
// for writing: each written sealed beside it, checked, renamed over; a failure leaves the plain
// file, still readable, and the next start tries again. The same for this ledger's backups whose
// manifest carries its key and does not yet say their files are sealed.

/** Tests of a failed sealing: called with each file's hash before it is renamed over the plain one. */
export type AttachmentSealFault = (sha256: string) => void

/** Seals the plain files of one store; how many are left plain. */
function sealStore(store: FileStore, fault?: AttachmentSealFault): number {
  let left = 0
  for (const sha256 of storedNamesIn(store.folder)) {
    const now = fileCondition(store, sha256)
    // Sealed already, or not what its name says (check reports it; sealing would hide it).
    if (now.sealed || now.state !== 'ok') continue
    try {
      sealInPlace(store, sha256, fault && (() => fault(sha256)))
    } catch {
      left++
    }
  }
  return left
}

/** Seals what an encrypted ledger (and its backups) still keep plain; returns how many files are left plain. */
export function sealPlainAttachments(sqlite: Database.Database, ledgerFile: string, fault?: AttachmentSealFault): number {
  const key = connectionKey(sqlite)
  const own = ledgerStore(ledgerFile, key)
  // No plain viewer links inside the files folder any more (the viewer gets a decrypted temporary copy).
  removeViewableLinks(own.folder)
  removeStalePartials(own.folder, new Date())
  if (key === null) return 0
  let left = sealStore(own, fault)
  const check = keyCheck(key)
  const id = ledgerIdOf(sqlite)
  const folders = [...new Set([backupFolderOf(sqlite, ledgerFile).folder, defaultBackupFolder(ledgerFile)])]
  for (const b of folders.flatMap((f) => listBackupFiles(f, id))) {
    const manifest = readManifest(b.file)
    if (manifest === null || manifest.attachmentsSealed === true || manifest.key?.check !== check) continue
    const leftHere = sealStore(backupStore(b.file, key), fault)
    left += leftHere
    if (leftHere === 0) writeManifestFile(b.file, { ...manifest, attachmentsSealed: true })
  }
  return left
}
