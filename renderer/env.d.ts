import type { RawApi } from '../electron/contract'

declare global {
  interface Window {
    /** Set by the preload (or by the test bridge); the page's only way to reach the ledger. */
    readonly api: RawApi
  }
}

export {}
