import { CheckOutlined, ImportOutlined } from '@ant-design/icons'
import { App, Button, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { ArrangementResult, CalendarYear } from '../../../electron/contract/types'
import { calendarYearState } from '../../../shared/codes/calendar'
import { arrangementSource } from '../../../shared/codes/calendar'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useQuery } from '../../lib/useQuery'

const STATE_COLOR: Record<CalendarYear['state'], string> = { official: 'green', entered: 'blue', provisional: 'gold', plain: 'default' }

function resultText(r: ArrangementResult): string {
  const moved = r.recounted.length > 0 ? `，重新计算了 ${r.recounted.length} 个未办结问题的办结时限` : '，没有未办结问题的办结时限需要改变'
  return `已录入 ${r.years.map((y) => `${y}年`).join('、') || ''}放假安排（${r.days} 天）${moved}`
}

/** This year and next: where their holidays come from, the 暂定 days, and how to enter the official arrangement. */
export function HolidayYears({ version, onChanged }: { version: number; onChanged: () => void }) {
  const { message } = App.useApp()
  const status = useQuery(() => api.holidayStatus({}), [version])
  const [busy, setBusy] = useState<string | null>(null)

  const run = async (key: string, work: () => Promise<ArrangementResult | null>) => {
    setBusy(key)
    try {
      const r = await work()
      if (r) message.success(resultText(r))
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(null)
      onChanged()
    }
  }

  const s = status.data
  if (!s) return null
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <section aria-label="各年节假日数据">
        <Descriptions size="small" bordered column={1}>
          {s.years.map((y) => (
            <Descriptions.Item key={y.year} label={`${y.year}年`}>
              <Space wrap>
                <Tag color={STATE_COLOR[y.state]}>{calendarYearState.label(y.state)}</Tag>
                {y.entered && (
                  <Typography.Text type="secondary">
                    {y.entered.by} 于 {y.entered.at.slice(0, 16)} {arrangementSource.label(y.entered.source)}
                    {y.entered.fileName ? `（${y.entered.fileName}）` : ''}
                  </Typography.Text>
                )}
                {y.state === 'provisional' && (
                  <>
                    <Typography.Text>
                      暂按法定节假日计：{y.provisionalHolidays.map((h) => `${h.date.slice(5)} ${h.name}`).join('，')}
                    </Typography.Text>
                    <Popconfirm
                      title={`确认已录入${y.year}年全部放假安排？`}
                      description="确认后不再按法定节假日推算，只按录入的放假和调休上班日计算。"
                      okText="确认"
                      cancelText="取消"
                      onConfirm={() => void run(`confirm-${y.year}`, () => api.holidayConfirm({ year: y.year }))}
                    >
                      <Button size="small" icon={<CheckOutlined />} loading={busy === `confirm-${y.year}`}>
                        已录入{y.year}年全部放假安排
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            </Descriptions.Item>
          ))}
        </Descriptions>
      </section>
      <Space wrap>
        <Button icon={<ImportOutlined />} loading={busy === 'import'} onClick={() => void run('import', () => api.holidayImport({}))}>
          从文件导入放假安排（.ics 或日期清单）
        </Button>
        {s.provisionalDeadlines > 0 && (
          <Typography.Text type="warning">目前有 {s.provisionalDeadlines} 个未办结问题的办结时限为“暂定”。</Typography.Text>
        )}
      </Space>
    </Space>
  )
}
