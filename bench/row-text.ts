/** A string column of a row read raw from the generated ledger: missing, the ledger is not the one the benchmark expects. */
export function text(r: unknown, key: string): string {
  const v = r !== null && typeof r === 'object' && key in r ? Object.getOwnPropertyDescriptor(r, key)?.value : undefined
  if (typeof v !== 'string') throw new Error(`no ${key} in the generated ledger`)
  return v
}
