import type { FormInstance } from 'antd'
import { useCallback, useRef, useState } from 'react'
import { needsRefresh } from './errors'
import { showSaveError } from './forms'

type FieldFor = (code: string, message: string) => string | null

/**
 * A form's save in progress and its refusal: the refusal goes beside its field when `fieldFor` can
 * tell which, and is kept for the alert above the buttons. What was typed stays as typed.
 */
export function useSaving<V>(form: FormInstance<V>, fieldFor: FieldFor = () => null) {
  const [error, setError] = useState<string | null>(null)
  // The refusal is answered by reading the record again (someone saved it first): errors.ts needsRefresh.
  const [refreshable, setRefreshable] = useState(false)
  const [saving, setSaving] = useState(false)
  // A second Enter or click while the first save is on its way is the same save: dropped here,
  // and the ledger's submission token answers it with the first record if it gets through.
  const inFlight = useRef(false)
  const submit = async (work: () => Promise<void>) => {
    if (inFlight.current) return
    inFlight.current = true
    setSaving(true)
    setError(null)
    setRefreshable(false)
    try {
      await work()
    } catch (e) {
      setError(showSaveError(form, e, fieldFor))
      setRefreshable(needsRefresh(e))
    } finally {
      inFlight.current = false
      setSaving(false)
    }
  }
  // Stable, so an effect that starts the form afresh can clear the alert without re-running.
  const clearError = useCallback(() => {
    setError(null)
    setRefreshable(false)
  }, [])
  return { error, refreshable, saving, submit, clearError }
}
