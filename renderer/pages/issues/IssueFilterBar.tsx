import { SearchOutlined } from '@ant-design/icons'
import { Button, DatePicker, Flex, Input, Select } from 'antd'
import { memo, useEffect, useState } from 'react'
import type { IssueStatus } from '../../../electron/contract/types'
import { procedure } from '../../../shared/codes/petitions'
import { ISSUE_STATUS, optionsOf } from '../../lib/labels'
import { useReference } from '../../lib/reference'
import { LazyPicker } from '../../components/LazyPicker'
import { ALL_STATUSES, DUE_FILTER_LABEL, emptyFilters, hasFilters, type IssueFilters } from './filters'

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
      <LazyPicker shape="multiple" label="状态" placeholder="状态（可多选）" width={184} real={filters.status.length > 0}>
        {(p) => (
          <Select<IssueStatus[]>
            {...p}
            mode="multiple"
            allowClear
            virtual={false}
            maxTagCount="responsive"
            value={filters.status}
            options={optionsOf(ISSUE_STATUS, ALL_STATUSES)}
            onChange={(v) => set('status', v)}
          />
        )}
      </LazyPicker>
      <SingleFilter
        label="类别"
        placeholder="问题类别"
        width={112}
        value={filters.categoryId}
        options={categories.map((c) => ({ value: c.id, label: c.name }))}
        onChange={(v) => set('categoryId', v)}
      />
      <SingleFilter
        label="承办股室"
        placeholder="承办股室"
        width={146}
        wide
        value={filters.departmentId}
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
        onChange={(v) => set('departmentId', v)}
      />
      {localities.length > 0 && (
        <SingleFilter
          label="属地"
          placeholder="属地"
          width={112}
          wide
          value={filters.localityId}
          options={localities.map((l) => ({ value: l.id, label: l.name }))}
          onChange={(v) => set('localityId', v)}
        />
      )}
      <SingleFilter
        label="时限状态"
        placeholder="时限状态"
        width={124}
        wide
        value={filters.dueState}
        options={dueOptions}
        onChange={(v) => set('dueState', v)}
      />
      <SingleFilter
        label="办理程序"
        placeholder="办理程序"
        width={104}
        value={filters.procedure}
        options={procedure.options()}
        onChange={(v) => set('procedure', v)}
      />
      <LazyPicker shape="date" label="受理月份" placeholder="受理月份" width={124} real={filters.month !== null}>
        {(p) => <DatePicker {...p} picker="month" format="YYYY年MM月" value={filters.month} onChange={(d) => set('month', d)} />}
      </LazyPicker>
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

interface SingleFilterProps<V extends string | number> {
  label: string
  placeholder: string
  width: number
  /** The list as wide as its longest name, not the box. */
  wide?: boolean
  value: V | null
  options: { value: V; label: string }[]
  onChange: (value: V | null) => void
}

/** One of the bar's single-choice filters: a plain box until used, then antd's Select (clearable, not virtual). */
function SingleFilter<V extends string | number>({ label, placeholder, width, wide, value, options, onChange }: SingleFilterProps<V>) {
  return (
    <LazyPicker shape="single" label={label} placeholder={placeholder} width={width} real={value !== null}>
      {(p) => (
        <Select<V | null>
          {...p}
          allowClear
          virtual={false}
          popupMatchSelectWidth={!wide}
          value={value}
          options={options}
          onChange={(v) => onChange(v ?? null)}
        />
      )}
    </LazyPicker>
  )
}
