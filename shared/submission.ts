// One filled-in form is one submission: the screen makes a token when the form starts and sends it
// with every attempt to save it; the ledger keeps it unique among visits (db/visits/register.ts).

/** Starts with a letter, so it is never taken for a date or a number. */
export const SUBMISSION_TOKEN = /^[A-Za-z][A-Za-z0-9_-]{7,63}$/

/** A fresh token: `f-` and 32 random hex digits. */
export function newSubmissionToken(): string {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  return `f-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}
