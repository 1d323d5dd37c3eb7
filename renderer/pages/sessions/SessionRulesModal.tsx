import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch, Typography, type GetRef } from 'antd'
import { useRef } from 'react'
import type { SessionHolidayShift, SessionKind, SessionRule, SessionRuleNth, SessionRuleWeekday } from '../../../electron/contract/types'
import { sessionHolidayShift, sessionKind, sessionRuleNth, sessionRuleWeekday } from '../../../shared/codes/sessions'
import { api } from '../../api'
import { blankToNull, focusOnOpen } from '../../lib/forms'
import { useQuery } from '../../lib/useQuery'
import { useSaving } from '../../lib/useSaving'

interface Values {
  kind: SessionKind
  nth: SessionRuleNth
  weekday: SessionRuleWeekday
  holidayShift: SessionHolidayShift
  location?: string
  titleTemplate?: string
  maxBookings?: number | null
  maxPeoplePerBooking?: number | null
  active: boolean
}

// 苏环办〔2018〕406号's practice, offered when a kind has no rule yet.
const FRESH: Omit<Values, 'kind'> = { nth: 'fourth', weekday: 'thu', holidayShift: 'next_workday', active: true }

function valuesOf(kind: SessionKind, rule: SessionRule | undefined): Values {
  if (!rule) return { kind, ...FRESH }
  return {
    kind,
    nth: rule.nth,
    weekday: rule.weekday,
    holidayShift: rule.holidayShift,
    location: rule.location,
    titleTemplate: rule.titleTemplate ?? '',
    maxBookings: rule.maxBookings,
    maxPeoplePerBooking: rule.maxPeoplePerBooking,
    active: rule.active,
  }
}

function fieldFor(_code: string, message: string): string | null {
  if (message.includes('地点')) return 'location'
  if (message.includes('名称')) return 'titleTemplate'
  if (message.includes('每日预约上限')) return 'maxBookings'
  if (message.includes('人数上限')) return 'maxPeoplePerBooking'
  return null
}

/** 接待日规则: one recurring rule per kind, e.g. 每月第四个星期四，遇节假日顺延至下一个工作日. Enter saves. */
export function SessionRulesModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const { error, saving, submit, clearError } = useSaving(form, fieldFor)
  const kindRef = useRef<GetRef<typeof Select>>(null)
  const rules = useQuery(() => api.sessionRuleList({}), [])
  const ruleOf = (kind: SessionKind) => rules.data?.find((r) => r.kind === kind)

  const save = (v: Values) =>
    submit(async () => {
      const saved = await api.sessionRuleSave({
        kind: v.kind,
        nth: v.nth,
        weekday: v.weekday,
        holidayShift: v.holidayShift,
        location: v.location ?? '',
        titleTemplate: blankToNull(v.titleTemplate),
        maxBookings: v.maxBookings ?? null,
        maxPeoplePerBooking: v.maxPeoplePerBooking ?? null,
        active: v.active,
      })
      message.success(`已保存${sessionKind.label(saved.kind)}规则：${saved.description}`)
      onClose()
    })

  return (
    <Modal open title="接待日规则" onCancel={onClose} footer={null} width={600} afterOpenChange={focusOnOpen(kindRef)} destroyOnHidden>
      {rules.error && <Alert type="error" showIcon title={rules.error} style={{ marginBottom: 12 }} />}
      {rules.data && rules.data.length > 0 && (
        <Typography.Paragraph type="secondary">
          {rules.data.map((r) => `${sessionKind.label(r.kind)}：${r.description}${r.active ? '' : '（停用）'}`).join('；')}
        </Typography.Paragraph>
      )}
      {rules.data && (
        <Form
          form={form}
          name="session-rule"
          layout="vertical"
          initialValues={valuesOf('enterprise', ruleOf('enterprise'))}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.kind) {
              form.setFieldsValue(valuesOf(changed.kind, ruleOf(changed.kind)))
              clearError()
            }
          }}
          onFinish={(v) => void save(v)}
          requiredMark={false}
        >
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="kind" label="接待类型">
                <Select ref={kindRef} options={sessionKind.options()} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="nth" label="每月第几个">
                <Select options={sessionRuleNth.options()} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="weekday" label="星期几">
                <Select options={sessionRuleWeekday.options()} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item name="holidayShift" label="遇节假日">
                <Select options={sessionHolidayShift.options()} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="location" label="接待地点" rules={[{ required: true, whitespace: true, message: '请填写接待地点' }]}>
                <Input placeholder="如：政务服务中心生态环境窗口" maxLength={60} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="maxBookings" label="每日预约上限（家）">
                <InputNumber min={1} max={999} precision={0} placeholder="不限" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="maxPeoplePerBooking" label="每家人数上限">
                <InputNumber min={1} max={999} precision={0} placeholder="不限" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="active" label="启用" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="titleTemplate" label="名称（可不填，{日期} 处填入日期）">
            <Input placeholder="不填则按日期和类型命名" maxLength={60} />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存规则
            </Button>
          </Flex>
        </Form>
      )}
    </Modal>
  )
}
