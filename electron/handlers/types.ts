import type { DeskActor } from '../../db/core/context'
import type { Ledger } from '../../db/core/open'
import type { LedgerKeys } from '../../db/keys/keys'
import type { Sealer } from '../../db/keys/envelope'
import type { ContractKey, ContractParsedInput, ContractResult } from '../contract'

/** What every handler may use. */
export interface HandlerContext {
  ledger: Ledger
  /** Who is on duty: a person who signed in, or nobody. The system capability never reaches a window. */
  operator: DeskActor
  appVersion: string
  now: () => Date
  /** Main's printing of the window that asked; absent where there is no window (tests, CLI). */
  printer?: Printer
  /**
   * Where to save an export: main asks with the system save dialog; null when the user cancels.
   * Absent where there is no window (the CLI); tests and the bridge pass a temp path.
   */
  chooseSavePath?: ChooseSavePath
  /**
   * Which file to import: main asks with the system open dialog; null when the user cancels.
   * Absent where there is no window (the CLI); tests and the bridge pass a fixture path.
   */
  chooseOpenPath?: ChooseOpenPath
  /**
   * Which folder backups go to: main asks with the system folder dialog; null when the user
   * cancels. Absent where there is no window; the bridge passes the folder a test chose.
   */
  chooseFolder?: ChooseFolder
  /**
   * Shows a stored file on an issue: in the app, main hands the path it computed to the system
   * viewer (null); the preview answers with a one-time download address instead. Absent in the CLI.
   */
  showStoredFile?: ShowStoredFile
  /**
   * Where a file on an issue is decrypted for the viewer: a folder of the app's own in the
   * account's temporary folder, emptied at start and at quit. Tests pass their own.
   */
  viewFolder?: string
  /**
   * The keys a server ledger's local copy (立即备份 on a server) is written with, given the
   * passphrase typed for it: main's safeStorage seal beside it; absent, the passphrase alone.
   */
  localCopyKeys?: (passphrase: string) => LedgerKeys
  /**
   * 设置 → 台账: the file in userData holding which ledger this PC opens at start, the sealer its
   * password is kept with (main's safeStorage; null where the PC cannot seal), and whether this
   * run's ledger came from the command line or the environment instead. Absent: not offered.
   */
  ledgerChoice?: { file: string; sealer: Sealer | null; overridden: boolean }
}

/** `file` is the decrypted copy the ledger wrote in its view folder, never a path a renderer sent; `downloadName` names a download only. */
export type ShowStoredFile = (file: string, downloadName: string, mediaType: string) => Promise<string | null>

/** A save-dialog filter, the shape Electron's dialog takes: { name: 'Excel 工作簿', extensions: ['xlsx'] }. */
export interface SaveFilter {
  name: string
  extensions: string[]
}

export type ChooseSavePath = (suggestedName: string, filters: SaveFilter[]) => Promise<string | null>

/** A folder dialog; resolves to the chosen folder, or null. */
export type ChooseFolder = (title: string) => Promise<string | null>

/** An open dialog for one existing file, with the same filters as the save dialog. */
export type ChooseOpenPath = (filters: SaveFilter[]) => Promise<string | null>

/** Printing through Electron: A4 on the system dialog, or A4 PDF to a file the user picks. */
export interface Printer {
  print(): Promise<boolean>
  /** `accept` runs on the chosen path before anything is written, and refuses by throwing (the ledger itself, say). */
  savePdf(suggestedName: string, accept: (file: string) => Promise<void>): Promise<string | null>
}

/**
 * Main owns exactly one, for the life of the process. Fields are mutable on purpose: choosing who
 * is on duty replaces `operator`, restoring a backup replaces `ledger`, and every later call
 * sees the change.
 */
export type AppState = HandlerContext

export type Handler<K extends ContractKey> = (state: AppState, input: ContractParsedInput<K>) => Promise<ContractResult<K>>

export type Handlers = { [K in ContractKey]: Handler<K> }
