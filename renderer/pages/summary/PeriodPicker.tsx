import { DatePicker, Radio, Space } from 'antd'
import type { Dayjs } from 'dayjs'
import { PICKER_KINDS, startOf, type Choice, type PickerKind } from './periods'

/** 统计期间: a month, a quarter, a half-year, a year, any run of days, or the ledger's whole life. */
export function PeriodPicker({ value, onChange }: { value: Choice; onChange: (c: Choice) => void }) {
  const setKind = (kind: PickerKind) => onChange({ ...value, kind, anchor: startOf(kind, value.anchor) })
  const setAnchor = (d: Dayjs | null) => d && onChange({ ...value, anchor: startOf(value.kind, d) })
  return (
    <Space wrap>
      <Radio.Group
        aria-label="统计期间类型"
        optionType="button"
        size="middle"
        options={PICKER_KINDS}
        value={value.kind}
        onChange={(e) => setKind(PICKER_KINDS.find((k) => k.value === e.target.value)?.value ?? 'month')}
      />
      {value.kind === 'month' && (
        <DatePicker picker="month" value={value.anchor} allowClear={false} onChange={setAnchor} aria-label="统计月份" />
      )}
      {value.kind === 'quarter' && (
        <DatePicker picker="quarter" value={value.anchor} allowClear={false} onChange={setAnchor} aria-label="统计季度" />
      )}
      {(value.kind === 'half' || value.kind === 'year') && (
        <DatePicker picker="year" value={value.anchor} allowClear={false} onChange={setAnchor} aria-label="统计年份" />
      )}
      {value.kind === 'half' && (
        <Radio.Group
          aria-label="上半年或下半年"
          optionType="button"
          value={value.anchor.month() < 6 ? 'first' : 'second'}
          options={[
            { value: 'first', label: '上半年' },
            { value: 'second', label: '下半年' },
          ]}
          onChange={(e) => onChange({ ...value, anchor: value.anchor.month(e.target.value === 'first' ? 0 : 6) })}
        />
      )}
      {value.kind === 'days' && (
        <DatePicker.RangePicker
          value={value.range}
          allowClear={false}
          aria-label="统计起止日期"
          onChange={(r) => {
            const [a, b] = r ?? []
            if (a && b) onChange({ ...value, range: [a, b] })
          }}
        />
      )}
    </Space>
  )
}
