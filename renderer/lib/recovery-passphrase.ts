// The recovery passphrase the supervisor has just set, held in this window's memory only, for
// the one recovery sheet printed from it; gone once printed, on leaving the page, or on reload.
// The ledger keeps only the key wrapped by it, never the passphrase.

let held: string | null = null

export function holdForSheet(passphrase: string): void {
  held = passphrase
}

export function passphraseForSheet(): string | null {
  return held
}

export function forgetPassphrase(): void {
  held = null
}
