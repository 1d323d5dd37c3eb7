/**
 * The hint in a box for a number the ledger only ever shows masked (a phone, an ID number): the box
 * starts blank, and blank keeps what is stored.
 */
export function maskedPlaceholder(masked: string | null): string {
  return masked ? `已存 ${masked}，不改请留空` : '未登记，可不填'
}
