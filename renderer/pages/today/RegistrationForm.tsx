import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Tag, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { Appointment, Session } from '../../../electron/contract/types'
import { api } from '../../api'
import {
  CreditCodeField,
  HeadcountField,
  OrganizationNameField,
  PhoneField,
  VisitorKindField,
  VisitorNameField,
} from '../../components/VisitorFields'
import { useReference } from '../../lib/reference'
import { useSaving } from '../../lib/useSaving'
import { MatchPanel, type Choice } from './MatchPanel'
import { MatterFields } from './MatterFields'
import {
  emptyMatter,
  fieldForError,
  initialValues,
  toRegisterInput,
  valuesFromBooking,
  type Chosen,
  type RegistrationValues,
} from './registration'

interface Props {
  session: Session
  /** A booked visitor who has just arrived; their details and questions fill the form. */
  arrival: Appointment | null
  onArrivalDone: () => void
  onSaved: () => void
}

/**
 * The walk-in form, keyboard first: type, Tab, and Enter saves (Shift+Enter for a new line in
 * long text). Alt+数字 picks a returning visitor or enterprise from the suggestions.
 */
export function RegistrationForm({ session, arrival, onArrivalDone, onSaved }: Props) {
  const [form] = Form.useForm<RegistrationValues>()
  const { message } = App.useApp()
  const nameRef = useRef<InputRef>(null)
  const [chosen, setChosen] = useState<Chosen>({})
  const [chosenLabel, setChosenLabel] = useState<{ visitor?: string; organization?: string }>({})
  const { error, saving, submit, clearError } = useSaving(form, fieldForError)
  const [showId, setShowId] = useState(false)
  const alertRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error) alertRef.current?.scrollIntoView({ block: 'nearest' })
  }, [error])
  const kind = Form.useWatch('visitorKind', form)
  const watched = Form.useWatch([], form)
  const { caseRules } = useReference()
  const headcount: unknown = Form.useWatch('headcount', form)
  const collective = caseRules !== null && typeof headcount === 'number' && headcount >= caseRules.collectiveHeadcount

  // Back to the name box after every save or clear, once the button has finished re-rendering.
  const [cleared, setCleared] = useState(0)
  useEffect(() => nameRef.current?.focus(), [cleared])

  const choose = (c: Choice) => {
    if (c.kind === 'visitor') {
      setChosen((prev) => ({ ...prev, visitorId: c.visitor.id }))
      setChosenLabel((prev) => ({ ...prev, visitor: `${c.visitor.name}${c.visitor.phone ? `（${c.visitor.phone}）` : ''}` }))
      form.setFieldsValue({ name: c.visitor.name, phone: '' })
      if (c.visitor.organizationId && c.visitor.organizationName) {
        setChosen((prev) => ({ ...prev, organizationId: c.visitor.organizationId ?? undefined }))
        setChosenLabel((prev) => ({ ...prev, organization: c.visitor.organizationName ?? undefined }))
        form.setFieldsValue({ visitorKind: 'enterprise', organizationName: c.visitor.organizationName, creditCode: '' })
      }
    } else {
      setChosen((prev) => ({ ...prev, organizationId: c.organization.id }))
      setChosenLabel((prev) => ({ ...prev, organization: c.organization.name }))
      form.setFieldsValue({ visitorKind: 'enterprise', organizationName: c.organization.name, creditCode: c.organization.creditCode ?? '' })
    }
  }

  useEffect(() => {
    if (!arrival) return
    form.resetFields()
    form.setFieldsValue(valuesFromBooking(arrival))
    setChosen({ appointmentId: arrival.id })
    setChosenLabel({})
    clearError()
    setCleared((n) => n + 1)
  }, [arrival, form, clearError])

  const forget = (what: 'visitor' | 'organization') => {
    setChosen(({ visitorId, organizationId, ...rest }) => (what === 'visitor' ? { ...rest, organizationId } : { ...rest, visitorId }))
    setChosenLabel((prev) => (what === 'visitor' ? { organization: prev.organization } : { visitor: prev.visitor }))
  }

  const reset = () => {
    onArrivalDone()
    form.resetFields()
    setChosen({})
    setChosenLabel({})
    clearError()
    setShowId(false)
    setCleared((n) => n + 1)
  }

  const save = (values: RegistrationValues) =>
    submit(async () => {
      const visit = await api.visitRegister(toRegisterInput(session.id, values, chosen))
      const numbers = visit.matters.flatMap((m) => (m.issueNumber ? [m.issueNumber] : []))
      message.success(`已登记 ${visit.visitorName}${numbers.length > 0 ? `，受理问题 ${numbers.join('、')}` : ''}`)
      onSaved()
      reset()
    })

  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          来访登记
          {collective && <Tag color="volcano">集体访（{caseRules?.collectiveHeadcount}人及以上）</Tag>}
        </Space>
      }
      extra={<Typography.Text type="secondary">Enter 保存 · Shift+Enter 换行 · Alt+数字 选择老来访人</Typography.Text>}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void save(v)} requiredMark={false} size="middle">
        <Row gutter={12}>
          <Col span={7}>
            <VisitorNameField label="来访人姓名" message="请填写来访人姓名" placeholder="姓名" ref={nameRef} />
          </Col>
          <Col span={7}>
            <PhoneField placeholder={chosen.visitorId ? '已存号码，不改可留空' : '手机或座机'} />
          </Col>
          <Col span={4}>
            <HeadcountField />
          </Col>
          <Col span={6}>
            <VisitorKindField name="visitorKind" />
          </Col>
        </Row>
        {kind === 'enterprise' && (
          <Row gutter={12}>
            <Col span={14}>
              <OrganizationNameField placeholder="企业全称" />
            </Col>
            <Col span={10}>
              <CreditCodeField placeholder="18 位，可不填" />
            </Col>
          </Row>
        )}
        {showId ? (
          <Form.Item name="idNumber" label="身份证号">
            <Input placeholder="仅在需要时填写，屏幕和打印均脱敏显示" maxLength={40} autoFocus />
          </Form.Item>
        ) : (
          <Button type="link" size="small" style={{ padding: 0, marginBottom: 8 }} onClick={() => setShowId(true)}>
            ＋ 填写身份证号（一般不需要）
          </Button>
        )}

        {arrival && chosen.appointmentId === arrival.id && (
          <Alert
            type="success"
            style={{ marginBottom: 8 }}
            title={`预约到访：${arrival.visitorName}${arrival.organizationName ? `（${arrival.organizationName}）` : ''}${arrival.phone ? ` ${arrival.phone}` : ''}，预约时提交的问题已列为事项，请逐项答复或受理`}
            action={
              <Button size="small" onClick={reset}>
                不是预约登记
              </Button>
            }
          />
        )}
        <MatchPanel values={watched} chosen={chosen} chosenLabel={chosenLabel} onChoose={choose} onForget={forget} />

        <MatterFields
          visitorId={chosen.visitorId}
          date={session.date}
          addButtons={(add) => (
            <Space style={{ marginBottom: 12 }}>
              <Button icon={<PlusOutlined />} onClick={() => add(emptyMatter('consultation'))}>
                添加咨询
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => add(emptyMatter('issue'))}>
                添加受理问题
              </Button>
            </Space>
          )}
        />

        <div ref={alertRef}>{error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}</div>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存登记
          </Button>
          <Button onClick={reset}>清空</Button>
        </Space>
      </Form>
    </Card>
  )
}
