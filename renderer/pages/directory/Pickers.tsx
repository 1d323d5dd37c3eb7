import { Select } from 'antd'
import { useState } from 'react'
import type { OrganizationListItem, VisitorListItem } from '../../../electron/contract/types'
import { api } from '../../api'
import { useDebounced } from '../../lib/useDebounced'
import { useQuery } from '../../lib/useQuery'

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

interface SearchProps<T> {
  /** The first rows matching the (trimmed, debounced) typed text. */
  search: (query: string) => Promise<{ rows: T[] }>
  label: (item: T) => string
}

/** A record chosen by typing part of it; the ledger does the finding. */
function SearchPicker<T extends { id: number }>({
  search,
  label,
  value,
  onChange,
  exclude,
  currentLabel,
  ...rest
}: PickerProps<T> & SearchProps<T>) {
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const found = useQuery(() => search(query), [query])
  const rows = (found.data?.rows ?? []).filter((r) => r.id !== exclude)
  const options = rows.map((r) => ({ value: r.id, label: label(r) }))
  if (value && currentLabel && !rows.some((r) => r.id === value)) options.unshift({ value, label: currentLabel })
  return (
    <Select<number | null>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? null}
      loading={found.loading}
      options={options}
      notFoundContent={found.loading ? '正在查找…' : '没有找到，请换个关键词'}
      onChange={(id) => onChange?.(id ?? null, rows.find((r) => r.id === id) ?? null)}
    />
  )
}

/** An enterprise chosen by typing part of its name or credit code. */
export function OrganizationPicker(props: PickerProps<OrganizationListItem>) {
  return <SearchPicker {...props} search={(query) => api.organizationList({ query, page: 1, pageSize: 20 })} label={orgLabel} />
}

/** A visitor chosen by typing part of a name, an enterprise or a phone's tail. */
export function VisitorPicker(props: PickerProps<VisitorListItem>) {
  return <SearchPicker {...props} search={(query) => api.visitorList({ query, page: 1, pageSize: 20 })} label={visitorLabel} />
}
