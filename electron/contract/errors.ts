/** A call that main refused or failed; `message` is Chinese and meant to be shown as is. */
export class ContractError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = 'ContractError'
    this.code = code
  }
}
