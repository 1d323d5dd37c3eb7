import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Tag, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { Appointment, Session } from '../../../electron/contract/types'
import { ContractError } from '../../../electron/contract/errors'
import { newSubmissionToken } from '../../../shared/submission'
import { api } from '../../api'
import {
  CreditCodeField,
  HeadcountField,
  identityRule,
  OrganizationNameField,
  PhoneField,
  VisitorKindField,
  VisitorNameField,
} from '../../components/VisitorFields'
import { enterKeys, focusFirstEmpty } from '../../lib/enterKeys'
import { useOperator } from '../../lib/operator'
import { focusUnlessHeldOpen } from '../../lib/focus'
import { useReference } from '../../lib/reference'
import { useCloseGuard } from '../../lib/useCloseGuard'
import { useFormDraft } from '../../lib/useFormDraft'
import { useSaving } from '../../lib/useSaving'
import { MatchPanel, type Choice } from './MatchPanel'
import { MatterFields } from './MatterFields'
import './today.css'
import {
  deskExtraOf,
  emptyMatter,
  fieldForError,
  initialValues,
  toRegisterInput,
  valuesFromBooking,
  type Chosen,
  type DeskExtra,
  type RegistrationValues,
} from './registration'

interface Props {
  session: Session
  /** A booked visitor who has just arrived; their details and questions fill the form. */
  arrival: Appointment | null
  onArrivalDone: () => void
  onSaved: () => void
  /** The ledger says the day is not today's any more (the desk stayed open past midnight). */
  onDayChanged: () => void
}

/** The registration's draft: one at the desk, whichever reception day is open. */
export const DESK_DRAFT = 'desk:registration'

const IDENTITY_FIELDS = ['phone', 'idNumber', 'creditCode'] as const

/**
 * The walk-in form, keyboard first: Enter moves to the next field and saves from the last one,
 * Ctrl+Enter saves from anywhere, Shift+Enter is a new line in long text (设置 can make Enter
 * save from any field instead). Alt+数字 picks a returning visitor or enterprise. What is typed is
 * kept as a draft until saved, through other screens and restarts; the submission token it
 * carries makes a second Enter, a double click or a resend after a reload the same visit.
 */
export function RegistrationForm({ session, arrival, onArrivalDone, onSaved, onDayChanged }: Props) {
  const [form] = Form.useForm<RegistrationValues>()
  const { message } = App.useApp()
  const { settings, staff, caseRules } = useReference()
  const { operator } = useOperator()
  // Once the office has staff, the ledger takes a registration only from someone signed in.
  const nobodyAtDesk = (operator?.id ?? null) === null && staff.some((s) => s.active)
  const nameRef = useRef<InputRef>(null)
  const box = useRef<HTMLDivElement>(null)
  const [chosen, setChosen] = useState<Chosen>({})
  const [chosenLabel, setChosenLabel] = useState<{ visitor?: string; organization?: string }>({})
  const [showId, setShowId] = useState(false)
  const [token, setToken] = useState(newSubmissionToken)
  const { error, saving, submit, clearError } = useSaving(form, fieldForError)
  const draft = useFormDraft<RegistrationValues, DeskExtra>(form, DESK_DRAFT, initialValues, {
    value: { chosen, chosenLabel, showId, token },
    restore: (stored) => {
      const e = deskExtraOf(stored)
      if (!e) return
      setChosen(e.chosen)
      setChosenLabel(e.chosenLabel)
      setShowId(e.showId)
      setToken(e.token)
    },
  })
  const guard = useCloseGuard()
  const alertRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error) alertRef.current?.scrollIntoView({ block: 'nearest' })
  }, [error])
  const kind = Form.useWatch('visitorKind', form)
  const watched = Form.useWatch([], form)
  const headcount: unknown = Form.useWatch('headcount', form)
  const collective = caseRules !== null && typeof headcount === 'number' && headcount >= caseRules.collectiveHeadcount

  // Back to the name box after every save or clear, once the button has finished re-rendering.
  const [cleared, setCleared] = useState(0)
  // …and after choosing oneself in 值班人员: sign in, then type (lib/focus.ts: not out of 值班人员 held open).
  useEffect(() => focusUnlessHeldOpen(nameRef.current, box.current), [cleared, operator?.id])

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
    draft.keep()
    // A returning visitor's stored phone and code stay blank on purpose (kept when left so): the
    // cursor goes past them to what is still missing, once the enterprise's boxes have appeared.
    setTimeout(() => {
      const root = box.current
      const stored =
        c.kind === 'visitor' ? (root?.querySelector<HTMLElement>('#creditCode') ?? root?.querySelector<HTMLElement>('#phone')) : null
      focusFirstEmpty(root, stored)
    }, 30)
  }

  const startAfresh = () => {
    form.resetFields()
    setChosen({})
    setChosenLabel({})
    clearError()
    setShowId(false)
    setToken(newSubmissionToken())
    draft.discard()
    setCleared((n) => n + 1)
  }

  useEffect(() => {
    if (!arrival) return
    const take = () => {
      startAfresh()
      form.setFieldsValue(valuesFromBooking(arrival))
      setChosen({ appointmentId: arrival.id })
      draft.keep()
    }
    guard(draft.isDirty() && chosen.appointmentId !== arrival.id, take, () => undefined)
    // Only a new arrival starts this; the rest is read as it stands then.
  }, [arrival])

  const forget = (what: 'visitor' | 'organization') => {
    setChosen(({ visitorId, organizationId, ...rest }) => (what === 'visitor' ? { ...rest, organizationId } : { ...rest, visitorId }))
    setChosenLabel((prev) => (what === 'visitor' ? { organization: prev.organization } : { visitor: prev.visitor }))
  }

  const reset = () => {
    onArrivalDone()
    startAfresh()
  }

  const save = (values: RegistrationValues) =>
    submit(async () => {
      try {
        const visit = await api.visitRegister({ ...toRegisterInput(session.id, values, chosen), submissionToken: token })
        const numbers = visit.matters.flatMap((m) => (m.issueNumber ? [m.issueNumber] : []))
        message.success(`已登记 ${visit.visitorName}${numbers.length > 0 ? `，受理问题 ${numbers.join('、')}` : ''}`)
        onSaved()
        reset()
      } catch (e) {
        // The day ended at midnight while the desk was open: what is typed stays, the desk says what to do.
        if (e instanceof ContractError && e.code === 'session_not_today') onDayChanged()
        throw e
      }
    })

  const onValuesChange = (changed: Partial<RegistrationValues>) => {
    draft.onValuesChange()
    // A box checked on leaving it: its message goes as soon as it is being put right.
    for (const name of IDENTITY_FIELDS) {
      if (name in changed && form.getFieldError(name).length > 0) form.setFields([{ name, errors: [] }])
    }
  }

  const enterSaves = settings?.enterMovesToNextField === false
  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          来访登记
          {collective && <Tag color="volcano">集体访（{caseRules?.collectiveHeadcount}人及以上）</Tag>}
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          {enterSaves ? 'Enter 保存' : 'Enter 下一项 · Ctrl+Enter 保存'} · Shift+Enter 换行 · Alt+数字 选择老来访人
        </Typography.Text>
      }
    >
      {nobodyAtDesk && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title="请先在右上角“值班人员”中选择本人：来访登记记在登记人名下，当天值班人员随之记入接待日。"
        />
      )}
      {draft.restoredAt && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={`已恢复 ${draft.restoredAt.slice(5, 16)} 未保存的登记内容`}
          action={
            <Button size="small" onClick={reset}>
              清空重填
            </Button>
          }
        />
      )}
      <div ref={box} onKeyDownCapture={enterKeys(enterSaves ? 'save' : 'next', () => form.submit())}>
        <Form
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(v) => void save(v)}
          onValuesChange={onValuesChange}
          requiredMark={false}
          size="middle"
        >
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
            <Form.Item name="idNumber" label="身份证号" rules={[identityRule('idNumber')]} validateTrigger="onBlur">
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
          <div className="desk-save-bar">
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存登记
              </Button>
              <Button onClick={reset}>清空</Button>
            </Space>
          </div>
        </Form>
      </div>
    </Card>
  )
}
