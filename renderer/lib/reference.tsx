import { createContext, useContext, type ReactNode } from 'react'
import type { AnswerTemplate, CaseRules, Category, Department, IssueSource, Locality, Settings, Staff } from '../../electron/contract/types'
import { api } from '../api'
import { prefetchable } from './prefetch'
import { useQuery } from './useQuery'

export interface Reference {
  categories: Category[]
  departments: Department[]
  staff: Staff[]
  /** 来源 (设置 → 来源). */
  sources: IssueSource[]
  /** The lists have been read once (an empty staff list then means a new ledger). */
  loaded: boolean
  /** The office's settings (null until loaded): what the desk's keys do, the office's phone. */
  settings: Settings | null
  /** 常用答复 in use, every category's, the most used first. */
  answers: AnswerTemplate[]
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
  loaded: false,
  settings: null,
  answers: [],
  localities: [],
  caseRules: null,
  reload: () => undefined,
})

/** The lists, all at once; started with the window (layout/first-calls.ts). */
export const referenceLists = prefetchable(async (_: null) => {
  const [categories, departments, staff, sources, settings, answers, localities, caseRules] = await Promise.all([
    api.categoryList({}),
    api.departmentList({}),
    api.staffList({}),
    api.sourceList({}),
    api.settingsGet({}),
    api.categoryAnswers({}),
    api.localityList({}),
    api.settingsCaseRules({}),
  ])
  return { categories, departments, staff, sources, settings, answers, localities, caseRules }
})

/** The editable lists every form picks from, loaded once and reloaded when 设置 changes them. */
export function ReferenceProvider({ children }: { children: ReactNode }) {
  const q = useQuery(() => referenceLists.load(null), [])
  const value: Reference = {
    categories: q.data?.categories ?? [],
    departments: q.data?.departments ?? [],
    staff: q.data?.staff ?? [],
    sources: q.data?.sources ?? [],
    loaded: q.data !== undefined,
    settings: q.data?.settings ?? null,
    answers: q.data?.answers ?? [],
    localities: q.data?.localities ?? [],
    caseRules: q.data?.caseRules ?? null,
    reload: q.reload,
  }
  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>
}

export function useReference(): Reference {
  return useContext(ReferenceContext)
}
