import type { FormInstance } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { clearDraft, differsFrom, readDraft, writeDraft } from './drafts'

export interface FormDraft {
  /** When the draft put back into the form was saved ('YYYY-MM-DD HH:mm:ss'), or null. */
  restoredAt: string | null
  /** Pass to the Form: every change is kept at once. */
  onValuesChange: () => void
  /** Something was typed or chosen since the form started (or came back from a draft). */
  isDirty: () => boolean
  /** Forget the draft (after a save, 清空 or 放弃); the form itself is the caller's to reset. */
  discard: () => void
  /** Keep the form as it is now, e.g. after setting values from code. */
  keep: () => void
}

/**
 * Keeps the form's values (and `extra`, state the form needs beside its fields) as a draft under
 * `key` (drafts.ts), and puts a draft back when the form mounts. `initial` is where the form
 * starts; a form left as it started keeps no draft. `key` null keeps nothing but still tells
 * whether the form was changed.
 */
export function useFormDraft<V, E = null>(
  form: FormInstance<V>,
  key: string | null,
  initial: unknown,
  extra?: { value: E; restore: (stored: unknown) => void; isEmpty?: (e: E) => boolean },
): FormDraft {
  const [restoredAt, setRestoredAt] = useState<string | null>(null)
  const extraRef = useRef(extra)
  extraRef.current = extra
  const initialRef = useRef(initial)
  initialRef.current = initial
  const restoring = useRef(false)

  const isDirty = useCallback(() => {
    const e = extraRef.current
    const extraDirty = e !== undefined && e.isEmpty !== undefined && !e.isEmpty(e.value)
    return extraDirty || differsFrom(form.getFieldsValue(true), initialRef.current)
  }, [form])

  const keep = useCallback(() => {
    if (key === null || restoring.current) return
    if (isDirty()) writeDraft(key, form.getFieldsValue(true), extraRef.current?.value ?? null)
    else clearDraft(key)
  }, [form, key, isDirty])

  useEffect(() => {
    if (key === null) return
    const draft = readDraft(key)
    if (!draft) return
    restoring.current = true
    if (draft.values !== null && typeof draft.values === 'object') form.setFieldsValue(draft.values)
    // The form checks the shape of what it wrote beside its fields.
    if (draft.extra !== null && extraRef.current) extraRef.current.restore(draft.extra)
    restoring.current = false
    setRestoredAt(draft.savedAt)
  }, [form, key])

  // State beside the fields (a chosen returning visitor…) is kept when it changes too.
  const extraJson = JSON.stringify(extra?.value ?? null)
  useEffect(() => {
    if (extraRef.current) keep()
  }, [extraJson, keep])

  const discard = useCallback(() => {
    if (key !== null) clearDraft(key)
    setRestoredAt(null)
  }, [key])

  return { restoredAt, onValuesChange: keep, isDirty, discard, keep }
}
