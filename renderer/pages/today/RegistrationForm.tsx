import { PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { Appointment, Session } from '../../../electron/contract/types'
import { api } from '../../api'
import { ContractError } from '../../../electron/contract/errors'
import { errorMessage } from '../../lib/errors'
import { useReference } from '../../lib/reference'
import { MatchPanel, type Choice } from './MatchPanel'
import { MatterFields, submitOnEnter } from './MatterFields'
import { emptyMatter, fieldForError, initialValues, toRegisterInput, valuesFromBooking, type Chosen, type RegistrationValues } from './registration'

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
  const { categories } = useReference()
  const nameRef = useRef<InputRef>(null)
  const [chosen, setChosen] = useState<Chosen>({})
  const [chosenLabel, setChosenLabel] = useState<{ visitor?: string; organization?: string }>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [showId, setShowId] = useState(false)
  const alertRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error) alertRef.current?.scrollIntoView({ block: 'nearest' })
  }, [error])
  const kind = Form.useWatch('visitorKind', form)
  const watched = Form.useWatch([], form)
  const activeCategories = categories.filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.name}（${c.timeLimitDays}个工作日）` }))

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
    setError(null)
    setCleared((n) => n + 1)
  }, [arrival, form])

  const forget = (what: 'visitor' | 'organization') => {
    setChosen(({ visitorId, organizationId, ...rest }) => (what === 'visitor' ? { ...rest, organizationId } : { ...rest, visitorId }))
    setChosenLabel((prev) => (what === 'visitor' ? { organization: prev.organization } : { visitor: prev.visitor }))
  }

  const reset = () => {
    onArrivalDone()
    form.resetFields()
    setChosen({})
    setChosenLabel({})
    setError(null)
    setShowId(false)
    setCleared((n) => n + 1)
  }

  const save = async (values: RegistrationValues) => {
    setSaving(true)
    setError(null)
    try {
      const visit = await api.visitRegister(toRegisterInput(session.id, values, chosen))
      const numbers = visit.matters.flatMap((m) => (m.issueNumber ? [m.issueNumber] : []))
      message.success(`已登记 ${visit.visitorName}${numbers.length > 0 ? `，受理问题 ${numbers.join('、')}` : ''}`)
      onSaved()
      reset()
    } catch (e) {
      // Nothing typed is lost: the form keeps every value; the message goes beside its field.
      const text = errorMessage(e)
      const field = e instanceof ContractError ? fieldForError(e.code) : null
      if (field) form.setFields([{ name: field, errors: [text] }])
      setError(text)
    } finally {
      setSaving(false)
    }
  }


  return (
    <Card size="small" title="来访登记" extra={<Typography.Text type="secondary">Enter 保存 · Shift+Enter 换行 · Alt+数字 选择老来访人</Typography.Text>}>
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void save(v)} requiredMark={false} size="middle">
        <Row gutter={12}>
          <Col span={7}>
            <Form.Item name="name" label="来访人姓名" rules={[{ required: true, whitespace: true, message: '请填写来访人姓名' }]}>
              <Input ref={nameRef} placeholder="姓名" maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="phone" label="联系电话">
              <Input placeholder={chosen.visitorId ? '已存号码，不改可留空' : '手机或座机'} maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="headcount" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
              <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="visitorKind" label="类型">
              <Radio.Group optionType="button" options={[{ value: 'resident', label: '群众' }, { value: 'enterprise', label: '企业' }]} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'enterprise' && (
          <Row gutter={12}>
            <Col span={14}>
              <Form.Item name="organizationName" label="企业（单位）名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
                <Input placeholder="企业全称" maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="creditCode" label="统一社会信用代码">
                <Input placeholder="18 位，可不填" maxLength={40} />
              </Form.Item>
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

        <Form.List name="matters">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <MatterFields key={field.key} index={index} name={field.name} categories={activeCategories} canRemove={fields.length > 1} onRemove={() => remove(field.name)} onEnter={submitOnEnter(form)} />
              ))}
              <Space style={{ marginBottom: 12 }}>
                <Button icon={<PlusOutlined />} onClick={() => add(emptyMatter('consultation'))}>
                  添加咨询
                </Button>
                <Button icon={<PlusOutlined />} onClick={() => add(emptyMatter('issue'))}>
                  添加受理问题
                </Button>
              </Space>
            </>
          )}
        </Form.List>

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
