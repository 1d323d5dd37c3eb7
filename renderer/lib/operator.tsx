import { createContext, useContext, useState, type ReactNode } from 'react'
import type { Operator } from '../../electron/contract/types'

interface OperatorState {
  operator: Operator | null
  setOperator: (o: Operator | null) => void
}

const OperatorContext = createContext<OperatorState>({ operator: null, setOperator: () => undefined })

/** Who is at the desk: shown in the header, written by main into every history and audit row. */
export function OperatorProvider({ initial, children }: { initial: Operator | null; children: ReactNode }) {
  const [operator, setOperator] = useState<Operator | null>(initial)
  return <OperatorContext.Provider value={{ operator, setOperator }}>{children}</OperatorContext.Provider>
}

export function useOperator(): OperatorState {
  return useContext(OperatorContext)
}
