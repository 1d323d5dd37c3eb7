import { SearchOutlined } from '@ant-design/icons'
import { AutoComplete, Input, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { MarkedText, SearchResults } from '../../electron/contract/types'
import { api } from '../api'
import { ISSUE_STATUS } from '../lib/labels'
import { navigate } from '../lib/route'
import { useDebounced } from '../lib/useDebounced'
import { useQuery } from '../lib/useQuery'

/** The matched stretches in bold, from the ledger's ranges (no HTML crosses the bridge). */
function Marked({ m }: { m: MarkedText }) {
  const parts: ReactNode[] = []
  let at = 0
  for (const r of m.ranges) {
    if (r.start > at) parts.push(m.text.slice(at, r.start))
    parts.push(<mark key={r.start}>{m.text.slice(r.start, r.end)}</mark>)
    at = r.end
  }
  parts.push(m.text.slice(at))
  return <>{parts}</>
}

type Target = { page: 'issues'; id: number } | { page: 'directory'; tab: 'visitors' | 'organizations'; id: number }

function optionsOf(r: SearchResults | undefined) {
  if (!r) return []
  const groups = []
  if (r.issues.length > 0)
    groups.push({
      label: `问题（${r.issues.length}）`,
      options: r.issues.map((h) => ({
        value: `issue:${h.id}`,
        label: (
          <div>
            <Typography.Text strong>
              <Marked m={h.number} />
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {ISSUE_STATUS[h.status]} · {h.visitorName}
            </Typography.Text>
            <div style={{ whiteSpace: 'normal' }}>
              <Marked m={h.content} />
            </div>
          </div>
        ),
      })),
    })
  if (r.visitors.length > 0)
    groups.push({
      label: `来访人（${r.visitors.length}）`,
      options: r.visitors.map((h) => ({
        value: `visitor:${h.id}`,
        label: (
          <span>
            <Marked m={h.name} />{' '}
            <Typography.Text type="secondary">{[h.phone, h.organizationName].filter(Boolean).join(' · ')}</Typography.Text>
          </span>
        ),
      })),
    })
  if (r.organizations.length > 0)
    groups.push({
      label: `企业（${r.organizations.length}）`,
      options: r.organizations.map((h) => ({
        value: `organization:${h.id}`,
        label: (
          <span>
            <Marked m={h.name} /> {h.creditCode && <Typography.Text type="secondary">{h.creditCode.text}</Typography.Text>}
          </span>
        ),
      })),
    })
  return groups
}

function targetOf(value: string): Target | null {
  const [kind, raw] = value.split(':')
  const id = Number(raw)
  if (!Number.isInteger(id) || id <= 0) return null
  if (kind === 'issue') return { page: 'issues', id }
  if (kind === 'visitor') return { page: 'directory', tab: 'visitors', id }
  if (kind === 'organization') return { page: 'directory', tab: 'organizations', id }
  return null
}

/** True when a key press is typing into a field, where "/" is a character, not a shortcut. */
function typing(e: KeyboardEvent): boolean {
  const el = e.target
  return el instanceof HTMLElement && (el.isContentEditable || el.matches('input, textarea, select'))
}

/**
 * One search box in the header over issues, visitors and enterprises (search-all): Ctrl+K, or /
 * outside a text box, puts the cursor in it; results come grouped; ↓ and Enter open one.
 */
export function GlobalSearch() {
  const ref = useRef<InputRef>(null)
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 200)
  const results = useQuery(
    () => (query === '' ? Promise.resolve(undefined) : api.searchAll({ query: query.slice(0, 100), limit: 6 })),
    [query],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k'
      if (ctrlK || (e.key === '/' && !typing(e))) {
        e.preventDefault()
        ref.current?.focus()
        ref.current?.select()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const open = (value: string) => {
    const t = targetOf(value)
    if (!t) return
    if (t.page === 'issues') navigate('issues', { id: t.id })
    else navigate('directory', { tab: t.tab, id: t.id })
    setText('')
    ref.current?.blur()
  }

  const shown = results.data && results.data.query === query.slice(0, 100) ? results.data : undefined
  const empty = shown && shown.issues.length + shown.visitors.length + shown.organizations.length === 0
  return (
    <AutoComplete
      style={{ width: 340 }}
      value={text}
      onChange={setText}
      onSelect={open}
      options={optionsOf(shown)}
      defaultActiveFirstOption
      popupMatchSelectWidth={460}
      notFoundContent={empty ? '没有找到' : null}
    >
      <Input
        ref={ref}
        aria-label="搜索问题、来访人、企业"
        prefix={<SearchOutlined />}
        placeholder="搜索问题、来访人、企业（Ctrl+K 或 /）"
        allowClear
      />
    </AutoComplete>
  )
}
