import { App } from 'antd'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { Operator } from '../../electron/contract/types'
import { SIGNED_OUT_EVENT } from '../api'

interface OperatorState {
  operator: Operator | null
  setOperator: (o: Operator | null) => void
}

const OperatorContext = createContext<OperatorState>({ operator: null, setOperator: () => undefined })

/**
 * Who is at the desk: shown in the header, written by main into every history and audit row.
 * Main signs a supervisor out after an idle spell (and anyone deactivated); the first call after
 * that is answered signed_out, and the header goes back to 请选择本人.
 */
export function OperatorProvider({ initial, children }: { initial: Operator | null; children: ReactNode }) {
  const [operator, setOperator] = useState<Operator | null>(initial)
  const { message } = App.useApp()
  useEffect(() => {
    const signedOut = (e: Event) => {
      setOperator(null)
      if (e instanceof CustomEvent && typeof e.detail === 'string') message.warning(e.detail)
    }
    window.addEventListener(SIGNED_OUT_EVENT, signedOut)
    return () => window.removeEventListener(SIGNED_OUT_EVENT, signedOut)
  }, [message])
  return <OperatorContext.Provider value={{ operator, setOperator }}>{children}</OperatorContext.Provider>
}

export function useOperator(): OperatorState {
  return useContext(OperatorContext)
}
