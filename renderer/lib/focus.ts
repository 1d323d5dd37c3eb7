// Where the cursor may be moved for the clerk, and where it may not: a box that appears (the desk's
// form once the day has loaded) must not take the focus out of a drop-down the clerk holds open —
// taking it closes the list under their hand (值班人员 opened in the first moment after the start).

/** A drop-down held open: a select, or a list under a text box (常用答复). It takes Enter, and keeps the focus. */
export function holdsOpenDropDown(el: Element | null): boolean {
  return el !== null && (el.getAttribute('aria-expanded') === 'true' || el.closest('.ant-select-open') !== null)
}

/** Focuses `target`, unless the focus is in a drop-down held open outside `within` (the form `target` is in). */
export function focusUnlessHeldOpen(target: { focus: () => void } | null, within: Element | null): void {
  const active = document.activeElement
  if (holdsOpenDropDown(active) && !(within !== null && active !== null && within.contains(active))) return
  target?.focus()
}
