import type { FormInstance } from 'antd'
import type { KeyboardEvent } from 'react'
import { ContractError } from '../../electron/contract/errors'
import { errorMessage } from './errors'

/**
 * A refused save, shown where it belongs: beside the field it is about when `fieldFor` can tell
 * (from the ledger's code, or failing that its Chinese message), and returned for an alert by the
 * form. The form's values are left exactly as typed.
 */
export function showSaveError(form: FormInstance, e: unknown, fieldFor: (code: string, message: string) => string | null): string {
  const message = errorMessage(e)
  const field = e instanceof ContractError ? fieldFor(e.code, message) : null
  if (field) form.setFields([{ name: field, errors: [message] }])
  return message
}

/** Enter saves from a long-text box too; Shift+Enter adds a line; an IME's Enter picks characters. */
export function submitOnEnter(form: FormInstance): (e: KeyboardEvent<HTMLTextAreaElement>) => void {
  return (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      form.submit()
    }
  }
}

/** '' and whitespace as null, for optional text the ledger stores as NULL. */
export function blankToNull(s: string | null | undefined): string | null {
  return s && s.trim() !== '' ? s : null
}

/** '' and whitespace as undefined: a masked number left blank keeps the stored one. */
export function blankToUndefined(s: string | null | undefined): string | undefined {
  return s && s.trim() !== '' ? s : undefined
}

/**
 * A dialog's afterOpenChange: once it has opened, the first field takes the cursor — unless the
 * user is already in one of its fields. The open animation can outlast a quick click into a
 * drop-down, and taking the cursor away then would close the drop-down under the click.
 */
export function focusOnOpen(first: { current: { focus: () => void } | null }): (open: boolean) => void {
  return (open) => {
    if (!open) return
    const active = document.activeElement
    if (active instanceof HTMLElement && active.closest('.ant-modal') && active.matches('input, textarea')) return
    first.current?.focus()
  }
}
