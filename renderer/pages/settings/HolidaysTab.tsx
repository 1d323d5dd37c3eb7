import { holidayKind, type HolidayKind } from '../../../shared/codes/reference'
import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, DatePicker, Form, Input, Popconfirm, Radio, Table, Tag, Typography, type GetRef } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import type { HolidayOverride } from '../../../electron/contract/types'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useQuery } from '../../lib/useQuery'
import { useSaving } from '../../lib/useSaving'
import { CalendarNotice } from '../../components/CalendarNotice'
import { HolidayYears } from './HolidayYears'
import { listWaiting } from '../../lib/listWaiting'

interface Values {
  from: Dayjs | null
  to: Dayjs | null
  kind: HolidayKind
  name: string
}

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const MAX_DAYS = 31

function fieldFor(code: string, message: string): string | null {
  if (code === 'invalid_date' || message.includes('日期')) return 'from'
  if (message.includes('名称')) return 'name'
  return null
}

/**
 * 节假日: the office's own calendar entries. chinese-days carries the State Council's holidays
 * and make-up working days for 2004–2026; later years, or a changed notice, are entered here and
 * win over it. Due dates counted after a change use the new calendar.
 */
export function HolidaysTab() {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const fromRef = useRef<GetRef<typeof DatePicker>>(null)
  const [version, setVersion] = useState(0)
  const list = useQuery(() => api.holidayList({}), [version])
  const { error, saving, submit } = useSaving(form, fieldFor)
  const [removing, setRemoving] = useState<string | null>(null)
  const kind = Form.useWatch('kind', form)

  const add = async (v: Values) => {
    if (!v.from) return
    const last = v.to && v.to.isAfter(v.from) ? v.to : v.from
    const days = last.diff(v.from, 'day') + 1
    if (days > MAX_DAYS) {
      form.setFields([{ name: 'to', errors: [`一次最多录入 ${MAX_DAYS} 天，请分段录入`] }])
      return
    }
    // A local keeps the null check above; the closure would lose it on v.from.
    const from = v.from
    await submit(async () => {
      // One write for the whole range: each open deadline it moves is recounted once.
      await api.holidaySet({
        date: from.format('YYYY-MM-DD'),
        ...(days > 1 ? { to: last.format('YYYY-MM-DD') } : {}),
        kind: v.kind,
        name: v.name,
      })
      message.success(
        `已录入${v.name}：${from.format('YYYY-MM-DD')}${days > 1 ? ` 至 ${last.format('YYYY-MM-DD')}，共 ${days} 天` : ''}${holidayKind.labels[v.kind]}`,
      )
      // Cleared whole, so an Enter in the next date box cannot save it under this name.
      form.resetFields()
      fromRef.current?.focus()
    })
    setVersion((n) => n + 1)
  }

  const remove = async (h: HolidayOverride) => {
    setRemoving(h.date)
    try {
      await api.holidayRemove({ date: h.date })
      message.success(`已删除 ${h.date} 的设置`)
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setRemoving(null)
      setVersion((n) => n + 1)
    }
  }

  return (
    <>
      <CalendarNotice version={version} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="程序内置 2004—2026 年的法定节假日和调休上班日（chinese-days 数据）。以后的年份在录入国务院放假安排之前，按《全国年节及纪念日放假办法》规定的法定节假日推算（不含调休），办结时限标为“暂定”。放假安排公布后，请在这里逐项录入（放假的日子录为“放假”，周末调休上班的日子录为“调休上班”）后点“已录入全部放假安排”，或从文件导入。这里的设置优先于内置数据；每次修改都会重新计算受影响的未办结问题的办结时限，并记入问题的办理记录。"
      />
      <HolidayYears version={version} onChanged={() => setVersion((n) => n + 1)} />
      <Form
        form={form}
        name="holiday-add"
        layout="inline"
        initialValues={{ from: null, to: null, kind: 'holiday', name: '' }}
        onFinish={(v) => void add(v)}
        style={{ rowGap: 8, marginBottom: error ? 8 : 16 }}
      >
        <Form.Item name="from" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker ref={fromRef} autoFocus format="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="to" label="至">
          <DatePicker format="YYYY-MM-DD" placeholder="连续多天时填" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="kind">
          <Radio.Group optionType="button" options={holidayKind.options()} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={30} placeholder={kind === 'workday' ? '如：国庆节调休' : '如：国庆节'} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving}>
            录入
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16, maxWidth: 640 }} />}
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 16 }} />}
      <Table<HolidayOverride>
        size="small"
        rowKey="date"
        {...listWaiting(list.loading, list.data !== undefined, '还没有自定义的节假日设置，内置数据已涵盖 2004—2026 年')}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
        columns={[
          {
            title: '日期',
            dataIndex: 'date',
            width: 160,
            render: (d: string) => (
              <span>
                {d} <Typography.Text type="secondary">{WEEKDAY[dayjs(d).day()]}</Typography.Text>
              </span>
            ),
          },
          {
            title: '安排',
            dataIndex: 'kind',
            width: 110,
            render: (k: HolidayOverride['kind']) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>),
          },
          { title: '名称', dataIndex: 'name' },
          {
            title: '操作',
            width: 90,
            render: (_, h) => (
              <Popconfirm
                title={`删除 ${h.date} 的设置？`}
                description="删除后这一天按内置日历（或平常的周末、工作日）计算。"
                okText="删除"
                cancelText="取消"
                onConfirm={() => void remove(h)}
              >
                <Button size="small" type="link" danger loading={removing === h.date} aria-label={`删除 ${h.date}`}>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </>
  )
}
