import { channel, CONTACT_CHANNELS } from '../../../shared/codes/visits'
import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, DatePicker, Form, Radio, Row, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import type { VisitSummary } from '../../../electron/contract/types'
import type { ContractInput } from '../../../electron/contract'
import { api } from '../../api'
import { OrganizationNameField, PhoneField, VisitorKindField, VisitorNameField } from '../../components/VisitorFields'
import { ISSUE_STATUS } from '../../lib/labels'
import { navigate } from '../../lib/route'
import { pagerOf, usePaged } from '../../lib/usePaged'
import { useSaving } from '../../lib/useSaving'
import { enterKeys } from '../../lib/enterKeys'
import { useFormDraft } from '../../lib/useFormDraft'
import { useReference } from '../../lib/reference'
import { newSubmissionToken } from '../../../shared/submission'
import { MatterFields } from '../today/MatterFields'
import { emptyMatter, toMatterInput, type MatterValues } from '../today/registration'
import { listWaiting } from '../../lib/listWaiting'

type ContactChannel = ContractInput<'contact-register'>['channel']

const CONTACTS_PAGE_SIZE = 20

const CHANNELS = channel.options(CONTACT_CHANNELS)

interface ContactValues {
  channel: ContactChannel
  date: Dayjs
  name?: string
  phone?: string
  kind: 'resident' | 'enterprise'
  organizationName?: string
  matters: MatterValues[]
}

const DRAFT = 'contacts:registration'

function toInput(v: ContactValues, submissionToken: string): ContractInput<'contact-register'> {
  return {
    submissionToken,
    channel: v.channel,
    date: v.date.format('YYYY-MM-DD'),
    visitor: { name: v.name ?? '', phone: v.phone || null, kind: v.kind },
    organization: v.kind === 'enterprise' ? { name: v.organizationName ?? '' } : null,
    headcount: 1,
    matters: v.matters.map(toMatterInput),
  }
}

/**
 * 来电来信: issues raised by phone, letter or online between reception days, and visitors who come
 * when no reception day is held (非接待日来访, `?channel=walk_in` from the desk), in the same ledger.
 * The form keeps a draft and a submission token like the desk's.
 */
export default function ContactsPage({ params }: { params: URLSearchParams }) {
  const [form] = Form.useForm<ContactValues>()
  const { message } = App.useApp()
  const { settings } = useReference()
  const asked = CONTACT_CHANNELS.find((c) => c === params.get('channel'))
  const [initial] = useState<ContactValues>(() => ({
    channel: asked ?? 'phone',
    date: dayjs(),
    kind: 'resident',
    matters: [emptyMatter(asked === 'walk_in' ? 'consultation' : 'issue')],
  }))
  const [token, setToken] = useState(newSubmissionToken)
  const draft = useFormDraft<ContactValues, { token: string }>(form, DRAFT, initial, {
    value: { token },
    restore: (stored) => {
      const t: unknown = stored !== null && typeof stored === 'object' ? Reflect.get(stored, 'token') : undefined
      if (typeof t === 'string') setToken(t)
    },
  })
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'))
  const list = usePaged(
    (paging) => api.contactList({ month: month.format('YYYY-MM'), ...paging }),
    [month.format('YYYY-MM')],
    CONTACTS_PAGE_SIZE,
  )
  // Sent here from the desk for a walk-in: that channel, even over a draft of another one.
  useEffect(() => {
    if (asked) form.setFieldsValue({ channel: asked })
  }, [asked, form])
  const { error, saving, submit } = useSaving(form)
  const kind = Form.useWatch('kind', form)
  const channel = Form.useWatch('channel', form)
  const receivedOn: unknown = Form.useWatch('date', form)

  const save = (v: ContactValues) =>
    submit(async () => {
      const saved = await api.contactRegister(toInput(v, token))
      const numbers = saved.matters.flatMap((m) => (m.issueNumber ? [m.issueNumber] : []))
      message.success(`已登记 ${saved.visitorName}${numbers.length > 0 ? `，受理问题 ${numbers.join('、')}` : ''}`)
      form.resetFields()
      setToken(newSubmissionToken())
      draft.discard()
      // The newest is on the first page.
      list.setPage(1)
      list.query.reload()
    })

  return (
    <Row gutter={16}>
      <Col flex="560px">
        <Card size="small" title="登记来电、来信、非接待日来访">
          {draft.restoredAt && (
            <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`已恢复 ${draft.restoredAt.slice(5, 16)} 未保存的登记内容`} />
          )}
          <div onKeyDownCapture={enterKeys(settings?.enterMovesToNextField === false ? 'save' : 'next', () => form.submit())}>
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={initial}
              onFinish={(v) => void save(v)}
              onValuesChange={draft.onValuesChange}
            >
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item name="channel" label="收到方式">
                    <Radio.Group optionType="button" options={CHANNELS} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="date"
                    label={channel === 'walk_in' ? '来访日期' : '收到日期'}
                    rules={[{ required: true, message: '请选择收到日期' }]}
                  >
                    <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={8}>
                <Col span={8}>
                  <VisitorNameField label="反映人" message="请填写反映人姓名" autoFocus />
                </Col>
                <Col span={8}>
                  <PhoneField />
                </Col>
                <Col span={8}>
                  <VisitorKindField name="kind" />
                </Col>
              </Row>
              {kind === 'enterprise' && <OrganizationNameField />}
              <MatterFields
                date={dayjs.isDayjs(receivedOn) ? receivedOn.format('YYYY-MM-DD') : undefined}
                addButtons={(add) => (
                  // On a line of its own, so 保存登记 does not sit against it.
                  <div style={{ marginBottom: 12 }}>
                    <Button size="small" icon={<PlusOutlined />} onClick={() => add(emptyMatter('issue'))}>
                      添加事项
                    </Button>
                  </div>
                )}
              />
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
              <Button type="primary" htmlType="submit" loading={saving}>
                保存登记
              </Button>
            </Form>
          </div>
        </Card>
      </Col>
      <Col flex="1 1 400px" style={{ minWidth: 0 }}>
        <Card
          size="small"
          title={
            <Space>
              来电来信记录
              <DatePicker
                picker="month"
                value={month}
                allowClear={false}
                onChange={(d) => {
                  if (!d) return
                  setMonth(d.startOf('month'))
                  list.setPage(1)
                }}
                aria-label="记录月份"
              />
            </Space>
          }
        >
          {list.query.error && <Alert type="error" showIcon title={list.query.error} />}
          <Table<VisitSummary>
            size="small"
            rowKey="id"
            {...listWaiting(list.query.loading, list.query.data !== undefined, '本月没有来电来信记录')}
            dataSource={list.query.data?.rows ?? []}
            pagination={pagerOf(list, CONTACTS_PAGE_SIZE, '件')}
            columns={[
              { title: '日期', dataIndex: 'visitDate', width: 100 },
              { title: '方式', dataIndex: 'channel', width: 60, render: (c: string) => CHANNELS.find((x) => x.value === c)?.label ?? c },
              { title: '反映人', dataIndex: 'visitorName', width: 90 },
              {
                title: '事项',
                render: (_: unknown, v: VisitSummary) =>
                  v.matters.map((m) => (
                    <div key={m.id}>
                      {m.issueNumber ? (
                        <Tag color="blue" style={{ cursor: 'pointer' }} onClick={() => m.issueId && navigate('issues', { id: m.issueId })}>
                          {m.issueNumber} {m.issueStatus ? ISSUE_STATUS[m.issueStatus] : ''}
                        </Tag>
                      ) : (
                        <Tag>咨询</Tag>
                      )}
                      <Typography.Text ellipsis={{ tooltip: m.content }} style={{ maxWidth: 260 }}>
                        {m.content}
                      </Typography.Text>
                    </div>
                  )),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  )
}
