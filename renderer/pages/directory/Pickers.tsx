import { Select } from 'antd'
import { useState } from 'react'
import type { OrganizationListItem, VisitorListItem } from '../../../electron/contract/types'
import { api } from '../../api'
import { useQuery } from '../../lib/useQuery'
import { useDebounced } from './useDebounced'

interface PickerProps<T> {
  id?: string
  value?: number | null
  onChange?: (id: number | null, item: T | null) => void
  /** A record not to offer, e.g. the one being merged into. */
  exclude?: number
  /** How the current value reads before anything is searched. */
  currentLabel?: string
  placeholder?: string
  allowClear?: boolean
  autoFocus?: boolean
  'aria-label'?: string
}

function orgLabel(o: OrganizationListItem): string {
  return `${o.name}${o.creditCode ? `（${o.creditCode}）` : ''} · 来访 ${o.visitCount} 次`
}

function visitorLabel(v: VisitorListItem): string {
  return `${v.name}${v.phone ? ` ${v.phone}` : ''}${v.organizationName ? ` · ${v.organizationName}` : ''} · 来访 ${v.visitCount} 次`
}

/** An enterprise chosen by typing part of its name or credit code; the ledger does the finding. */
export function OrganizationPicker({ value, onChange, exclude, currentLabel, ...rest }: PickerProps<OrganizationListItem>) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const found = useQuery(() => api.organizationList({ query, page: 1, pageSize: 20 }), [query])
  const rows = (found.data?.rows ?? []).filter((o) => o.id !== exclude)
  const options = rows.map((o) => ({ value: o.id, label: orgLabel(o) }))
  if (value && currentLabel && !rows.some((o) => o.id === value)) options.unshift({ value, label: currentLabel })
  return (
    <Select<number | null>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? null}
      loading={found.loading}
      options={options}
      notFoundContent={found.loading ? '正在查找…' : '没有找到，请换个关键词'}
      onChange={(id) => onChange?.(id ?? null, rows.find((o) => o.id === id) ?? null)}
    />
  )
}

/** A visitor chosen by typing part of a name, an enterprise or a phone's tail. */
export function VisitorPicker({ value, onChange, exclude, currentLabel, ...rest }: PickerProps<VisitorListItem>) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const found = useQuery(() => api.visitorList({ query, page: 1, pageSize: 20 }), [query])
  const rows = (found.data?.rows ?? []).filter((v) => v.id !== exclude)
  const options = rows.map((v) => ({ value: v.id, label: visitorLabel(v) }))
  if (value && currentLabel && !rows.some((v) => v.id === value)) options.unshift({ value, label: currentLabel })
  return (
    <Select<number | null>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? null}
      loading={found.loading}
      options={options}
      notFoundContent={found.loading ? '正在查找…' : '没有找到，请换个关键词'}
      onChange={(id) => onChange?.(id ?? null, rows.find((v) => v.id === id) ?? null)}
    />
  )
}
