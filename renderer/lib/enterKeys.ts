import type { KeyboardEvent } from 'react'
import { holdsOpenDropDown } from './focus'

// Enter at the desk: in 'next' mode it moves to the next field and saves from the last one;
// in 'save' mode it saves from any field (the earlier behaviour, kept as a 设置 for those who
// like it). Ctrl+Enter saves from anywhere, Shift+Enter is a new line in long text, and an
// input method's Enter (picking characters) is left alone, as is Enter in an open drop-down.

export type EnterMode = 'next' | 'save'

const FIELDS = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled])'

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0
}

/**
 * The form's fields in the order Tab takes them: one stop per radio group (its checked button).
 * Fields inside `data-enter-skip` come filled with a default the desk rarely changes (an issue's
 * 来源 and 办理程序): Tab reaches them, Enter passes them by, so a walk-in still saves from its last
 * typed box.
 */
export function fieldsOf(container: HTMLElement): HTMLElement[] {
  const seenGroups = new Set<string>()
  const out: HTMLElement[] = []
  for (const el of container.querySelectorAll<HTMLElement>(FIELDS)) {
    if (!visible(el) || el.tabIndex < 0 || el.closest('[data-enter-skip]') !== null) continue
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      const group = el.name || el.closest('.ant-radio-group')?.id || ''
      if (seenGroups.has(group)) continue
      const checked = el.closest('.ant-radio-group')?.querySelector<HTMLInputElement>('input[type="radio"]:checked')
      seenGroups.add(group)
      out.push(checked ?? el)
      continue
    }
    if (el instanceof HTMLInputElement && el.readOnly && el.getAttribute('role') !== 'combobox') continue
    out.push(el)
  }
  return out
}

/** A field nothing has been typed or chosen in yet. */
export function isEmptyField(el: HTMLElement): boolean {
  const select = el.closest('.ant-select')
  if (select) return select.querySelector('.ant-select-selection-item') === null
  if (el instanceof HTMLInputElement && el.type === 'radio') return false
  return (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.value.trim() === ''
}

/** Puts the cursor in the first empty field of `container` (after `after`, when given). */
export function focusFirstEmpty(container: HTMLElement | null, after?: HTMLElement | null): void {
  if (!container) return
  const fields = fieldsOf(container)
  const from = after ? fields.indexOf(after) + 1 : 0
  const target = fields.slice(from).find(isEmptyField) ?? fields.find(isEmptyField)
  target?.focus()
}

/** The keydown handler (capture phase) for a form's container; `submit` saves the form. */
export function enterKeys(mode: EnterMode, submit: () => void): (e: KeyboardEvent<HTMLElement>) => void {
  return (e) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
    const target = e.target
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault()
      submit()
      return
    }
    if (e.shiftKey && target instanceof HTMLTextAreaElement) return
    // An open list takes Enter to pick the option (a drop-down, or the 常用答复 under a text box).
    if (holdsOpenDropDown(target)) return
    if (mode === 'save') {
      if (target.getAttribute('role') === 'combobox') return
      e.preventDefault()
      submit()
      return
    }
    const fields = fieldsOf(e.currentTarget)
    const at = fields.indexOf(target)
    e.preventDefault()
    const next = at >= 0 ? fields[at + 1] : undefined
    if (next) next.focus()
    else submit()
  }
}
