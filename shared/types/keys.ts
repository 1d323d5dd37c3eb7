// The ledger's encryption as 设置 → 加密与恢复口令 shows it. Never the key or the passphrase.

export interface RecoveryStatus {
  /** The ledger file is encrypted (always, in the app). */
  encrypted: boolean
  /** A recovery passphrase wraps the key: the ledger and its backups open on another PC with it. */
  recoverySet: boolean
  /** When the passphrase was last set or changed, local time. */
  setAt: string | null
  /** The key is sealed for this PC's Windows account, so the app opens without asking. */
  sealedHere: boolean
  /** Names the key (not the key): the recovery sheet shows it, so the right sheet is found for a backup. */
  keyCheck: string | null
  /** The least number of characters a recovery passphrase may have. */
  minLength: number
}

/** What the A4 recovery sheet prints besides the passphrase the supervisor has just typed (which the app keeps nowhere). */
export interface RecoverySheet {
  ledgerId: string | null
  ledgerFile: string
  keyCheck: string
  setAt: string
  printedAt: string
  printedBy: string
}
