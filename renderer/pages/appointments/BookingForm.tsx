import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, Button, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd'
import { useState } from 'react'
import type { ContractInput } from '../../../electron/contract'
import { api } from '../../api'
import { errorMessage } from '../../lib/errors'
import { useReference } from '../../lib/reference'

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
    questions: v.questions.filter((q) => (q.content ?? '').trim() !== '').map((q) => ({ categoryId: q.categoryId ?? null, content: q.content ?? '' })),
  }
}

/** Books one enterprise or resident, with the questions they want answered on the day. */
export function BookingForm({ sessionId, onBooked }: { sessionId: number; onBooked: () => void }) {
  const [form] = Form.useForm<BookingValues>()
  const { categories } = useReference()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const kind = Form.useWatch('kind', form)
  const submit = async (v: BookingValues) => {
    setBusy(true)
    setError(null)
    try {
      await api.appointmentBook(toInput(sessionId, v))
      form.resetFields()
      onBooked()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} requiredMark={false}>
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item name="visitorName" label="预约人" rules={[{ required: true, whitespace: true, message: '请填写预约人姓名' }]}>
            <Input autoFocus maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="phone" label="联系电话">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="headcount" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
            <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={4}>
          <Form.Item name="kind" label="类型">
            <Radio.Group optionType="button" size="small" options={[{ value: 'enterprise', label: '企业' }, { value: 'resident', label: '群众' }]} />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'enterprise' && (
        <Row gutter={8}>
          <Col span={14}>
            <Form.Item name="organizationName" label="企业（单位）名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="creditCode" label="统一社会信用代码">
              <Input maxLength={40} />
            </Form.Item>
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
                    <Select allowClear placeholder="可不选" options={categories.filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }))} />
                  </Form.Item>
                </Col>
                <Col span={15}>
                  <Form.Item name={[field.name, 'content']} label={i === 0 ? '会前提交的问题' : undefined}>
                    <Input maxLength={2000} placeholder={`问题 ${i + 1}`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label={`删除问题 ${i + 1}`} onClick={() => remove(field.name)} />}
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
        <Button type="primary" htmlType="submit" loading={busy}>
          登记预约
        </Button>
      </Space>
    </Form>
  )
}
