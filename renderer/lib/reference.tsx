import { createContext, useContext, type ReactNode } from 'react'
import type { CaseRules, Category, Department, IssueSource, Locality, Staff } from '../../electron/contract/types'
import { api } from '../api'
import { useQuery } from './useQuery'

export interface Reference {
  categories: Category[]
  departments: Department[]
  staff: Staff[]
  /** 来源 (设置 → 来源). */
  sources: IssueSource[]
  /** 属地: 乡镇 and 街道. */
  localities: Locality[]
  /** 设置's numbers for 重复件, 集体访 and extensions; null until loaded. */
  caseRules: CaseRules | null
  reload: () => void
}

const ReferenceContext = createContext<Reference>({
  categories: [],
  departments: [],
  staff: [],
  sources: [],
  localities: [],
  caseRules: null,
  reload: () => undefined,
})

/** The editable lists every form picks from, loaded once and reloaded when 设置 changes them. */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const q = useQuery(async () => {
    const [categories, departments, staff, sources, localities, caseRules] = await Promise.all([
      api.categoryList({}),
      api.departmentList({}),
      api.staffList({}),
      api.sourceList({}),
      api.localityList({}),
      api.settingsCaseRules({}),
    ])
    return { categories, departments, staff, sources, localities, caseRules }
  }, [])
  const value: Reference = {
    categories: q.data?.categories ?? [],
    departments: q.data?.departments ?? [],
    staff: q.data?.staff ?? [],
    sources: q.data?.sources ?? [],
    localities: q.data?.localities ?? [],
    caseRules: q.data?.caseRules ?? null,
    reload: q.reload,
  }
  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>
}

export function useReference(): Reference {
  return useContext(ReferenceContext)
}
