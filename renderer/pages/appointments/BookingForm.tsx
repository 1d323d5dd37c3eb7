import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Col, Form, Input, Radio, Row, Select, Space } from 'antd'
import type { ContractInput } from '../../../electron/contract'
import { api } from '../../api'
import { CreditCodeField, HeadcountField, OrganizationNameField, PhoneField, VisitorNameField } from '../../components/VisitorFields'
import { useReference } from '../../lib/reference'
import { useFormDraft } from '../../lib/useFormDraft'
import { useSaving } from '../../lib/useSaving'

interface BookingValues {
  visitorName?: string
  phone?: string
  kind: 'resident' | 'enterprise'
  organizationName?: string
  creditCode?: string
  headcount?: number
  questions: { categoryId?: number; content?: string }[]
}

const initial: BookingValues = { kind: 'enterprise', headcount: 1, questions: [{}] }

function toInput(sessionId: number, v: BookingValues): ContractInput<'appointment-book'> {
  return {
    sessionId,
    visitorName: v.visitorName ?? '',
    phone: v.phone || null,
    kind: v.kind,
    organizationName: v.kind === 'enterprise' ? (v.organizationName ?? '') : null,
    creditCode: v.kind === 'enterprise' ? v.creditCode || null : null,
    headcount: v.headcount ?? 1,
    questions: v.questions
      .filter((q) => (q.content ?? '').trim() !== '')
      .map((q) => ({ categoryId: q.categoryId ?? null, content: q.content ?? '' })),
  }
}

/** Books one enterprise or resident, with the questions they want answered on the day. */
export function BookingForm({ sessionId, onBooked }: { sessionId: number; onBooked: () => void }) {
  const [form] = Form.useForm<BookingValues>()
  const { categories } = useReference()
  const { error, saving, submit } = useSaving(form)
  const kind = Form.useWatch('kind', form)
  // Kept while the booking is half taken down (a call cut short, another screen in between).
  const draft = useFormDraft(form, `booking:${sessionId}`, initial)
  const book = (v: BookingValues) =>
    submit(async () => {
      await api.appointmentBook(toInput(sessionId, v))
      form.resetFields()
      draft.discard()
      onBooked()
    })
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void book(v)}
      onValuesChange={draft.onValuesChange}
      requiredMark={false}
    >
      <Row gutter={8}>
        <Col span={8}>
          <VisitorNameField name="visitorName" label="预约人" message="请填写预约人姓名" autoFocus />
        </Col>
        <Col span={8}>
          <PhoneField />
        </Col>
        <Col span={4}>
          <HeadcountField />
        </Col>
        <Col span={4}>
          <Form.Item name="kind" label="类型">
            <Radio.Group
              optionType="button"
              size="small"
              options={[
                { value: 'enterprise', label: '企业' },
                { value: 'resident', label: '群众' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'enterprise' && (
        <Row gutter={8}>
          <Col span={14}>
            <OrganizationNameField />
          </Col>
          <Col span={10}>
            <CreditCodeField />
          </Col>
        </Row>
      )}
      <Form.List name="questions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Row key={field.key} gutter={8} align="middle">
                <Col span={7}>
                  <Form.Item name={[field.name, 'categoryId']} label={i === 0 ? '问题类别' : undefined}>
                    <Select
                      allowClear
                      placeholder="可不选"
                      options={categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={15}>
                  <Form.Item name={[field.name, 'content']} label={i === 0 ? '会前提交的问题' : undefined}>
                    <Input maxLength={2000} placeholder={`问题 ${i + 1}`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除问题 ${i + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  )}
                </Col>
              </Row>
            ))}
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
              添加问题
            </Button>
          </>
        )}
      </Form.List>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          登记预约
        </Button>
      </Space>
    </Form>
  )
}
