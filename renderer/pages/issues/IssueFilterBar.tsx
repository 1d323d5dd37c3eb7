import { SearchOutlined } from '@ant-design/icons'
import { Button, DatePicker, Flex, Input, Select } from 'antd'
import { memo, useEffect, useState } from 'react'
import type { IssueStatus, Procedure } from '../../../electron/contract/types'
import { procedure } from '../../../shared/codes/petitions'
import { ISSUE_STATUS, optionsOf } from '../../lib/labels'
import { useReference } from '../../lib/reference'
import { ALL_STATUSES, DUE_FILTER_LABEL, emptyFilters, hasFilters, type DueFilter, type IssueFilters } from './filters'

interface Props {
  filters: IssueFilters
  onChange: (f: IssueFilters) => void
}

const dueOptions = optionsOf(DUE_FILTER_LABEL, ['overdue', 'due_soon', 'on_time'])

/**
 * One row of filters above the ledger; the text box searches as the desk types. Drawn again only
 * when the filters change (eight selects and a date picker), not when a page of rows comes in.
 * The selects' lists are short and not virtual: a virtual list measures its items' heights (a
 * forced layout) in the same task that draws the rows a choice asked for.
 */
export const IssueFilterBar = memo(function IssueFilterBar({ filters, onChange }: Props) {
  const { categories, departments, localities } = useReference()
  const [text, setText] = useState(filters.text)

  // Search a moment after typing stops; Enter searches at once.
  useEffect(() => {
    if (text === filters.text) return
    const t = setTimeout(() => onChange({ ...filters, text }), 350)
    return () => clearTimeout(t)
  }, [text, filters, onChange])

  const set = <K extends keyof IssueFilters>(key: K, value: IssueFilters[K]) => onChange({ ...filters, [key]: value })

  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Input
        aria-label="搜索问题"
        allowClear
        prefix={<SearchOutlined />}
        placeholder="编号、内容、工单号"
        style={{ width: 190 }}
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
        onPressEnter={() => onChange({ ...filters, text })}
      />
      <Select<IssueStatus[]>
        aria-label="状态"
        mode="multiple"
        allowClear
        virtual={false}
        maxTagCount="responsive"
        placeholder="状态（可多选）"
        style={{ width: 184 }}
        value={filters.status}
        options={optionsOf(ISSUE_STATUS, ALL_STATUSES)}
        onChange={(v) => set('status', v)}
      />
      <Select<number | null>
        aria-label="类别"
        allowClear
        virtual={false}
        placeholder="问题类别"
        style={{ width: 112 }}
        value={filters.categoryId}
        options={categories.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(v) => set('categoryId', v ?? null)}
      />
      <Select<number | null>
        aria-label="承办股室"
        allowClear
        virtual={false}
        placeholder="承办股室"
        style={{ width: 146 }}
        popupMatchSelectWidth={false}
        value={filters.departmentId}
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
        onChange={(v) => set('departmentId', v ?? null)}
      />
      {localities.length > 0 && (
        <Select<number | null>
          aria-label="属地"
          allowClear
          virtual={false}
          placeholder="属地"
          style={{ width: 112 }}
          popupMatchSelectWidth={false}
          value={filters.localityId}
          options={localities.map((l) => ({ value: l.id, label: l.name }))}
          onChange={(v) => set('localityId', v ?? null)}
        />
      )}
      <Select<DueFilter | null>
        aria-label="时限状态"
        allowClear
        virtual={false}
        placeholder="时限状态"
        style={{ width: 124 }}
        popupMatchSelectWidth={false}
        value={filters.dueState}
        options={dueOptions}
        onChange={(v) => set('dueState', v ?? null)}
      />
      <Select<Procedure | null>
        aria-label="办理程序"
        allowClear
        virtual={false}
        placeholder="办理程序"
        style={{ width: 104 }}
        value={filters.procedure}
        options={procedure.options()}
        onChange={(v) => set('procedure', v ?? null)}
      />
      <DatePicker
        aria-label="受理月份"
        picker="month"
        placeholder="受理月份"
        format="YYYY年MM月"
        style={{ width: 124 }}
        value={filters.month}
        onChange={(d) => set('month', d)}
      />
      {hasFilters(filters) && (
        <Button
          onClick={() => {
            setText('')
            onChange(emptyFilters)
          }}
        >
          清除筛选
        </Button>
      )}
    </Flex>
  )
})
