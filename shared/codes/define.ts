// Every code the ledger stores comes from one list here: the TS type, the zod enum (z.enum(list.codes))
// and the Chinese label are all derived from it, so a code cannot exist without its wording.

export interface CodeList<K extends string> {
  /** The codes in display order, as a tuple z.enum accepts. */
  readonly codes: readonly [K, ...K[]]
  /** Code → Chinese label. */
  readonly labels: Readonly<Record<K, string>>
  /** The label of a code; a code from outside the list (an old row, a typo) is shown as it is. */
  label(code: string): string
  /** Options for a select: [{ value, label }] in display order. */
  options(only?: readonly K[]): { value: K; label: string }[]
  /** Whether a string is one of the codes. */
  has(code: string): code is K
}

/** The code type of a list: `type IssueStatus = CodeOf<typeof issueStatus>`. */
export type CodeOf<L> = L extends CodeList<infer K> ? K : never

/** Builds a code list from `{ code: '中文标签', … }` written in display order. */
export function codeList<const L extends Record<string, string>>(labels: L): CodeList<Extract<keyof L, string>> {
  type K = Extract<keyof L, string>
  const keys = Object.keys(labels).filter((k): k is K => Object.hasOwn(labels, k))
  const [first, ...rest] = keys
  if (first === undefined) throw new Error('A code list needs at least one code')
  const codes: readonly [K, ...K[]] = [first, ...rest]
  const has = (code: string): code is K => Object.hasOwn(labels, code)
  return {
    codes,
    labels,
    label: (code) => (has(code) ? labels[code] : code),
    options: (only) => (only ?? codes).map((value) => ({ value, label: labels[value] })),
    has,
  }
}
