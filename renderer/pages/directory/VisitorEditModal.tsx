import { App, Col, Form, Input, Radio, Row, type InputRef } from 'antd'
import { useRef } from 'react'
import type { Visitor, VisitorKind } from '../../../electron/contract/types'
import { api } from '../../api'
import { blankToNull, blankToUndefined, submitOnEnter } from '../../lib/forms'
import { EditModalFrame } from './EditModalFrame'
import { OrganizationPicker } from './Pickers'

interface Values {
  name: string
  kind: VisitorKind
  phone?: string
  idNumber?: string
  organizationId: number | null
  address?: string
  note?: string
}

function fieldFor(code: string, message: string): string | null {
  if (code === 'invalid_phone') return 'phone'
  if (code === 'invalid_id_number') return 'idNumber'
  if (message.includes('姓名')) return 'name'
  if (message.includes('企业')) return 'organizationId'
  if (message.includes('住址')) return 'address'
  if (message.includes('备注')) return 'note'
  return null
}

/**
 * Corrects a visitor's details. The stored phone and ID number are only ever shown masked: a
 * box left blank keeps what is stored, anything typed replaces it. Enter saves.
 */
export function VisitorEditModal({ visitor, onSaved, onClose }: { visitor: Visitor; onSaved: (v: Visitor) => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const nameRef = useRef<InputRef>(null)

  const save = async (v: Values) => {
    const phone = blankToUndefined(v.phone)
    const idNumber = blankToUndefined(v.idNumber)
    const saved = await api.visitorUpdate({
      id: visitor.id,
      name: v.name,
      kind: v.kind,
      ...(phone !== undefined ? { phone } : {}),
      ...(idNumber !== undefined ? { idNumber } : {}),
      organizationId: v.organizationId,
      address: blankToNull(v.address),
      note: blankToNull(v.note),
    })
    message.success(`已保存来访人“${saved.name}”`)
    onSaved(saved)
  }

  const keep = (masked: string | null) => (masked ? `已存 ${masked}，不改请留空` : '未登记，可不填')

  return (
    <EditModalFrame<Values>
      title="修改来访人信息"
      name="visitor-edit"
      form={form}
      focusRef={nameRef}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
      initialValues={{ name: visitor.name, kind: visitor.kind, phone: '', idNumber: '', organizationId: visitor.organizationId, address: visitor.address ?? '', note: visitor.note ?? '' }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
            <Input ref={nameRef} maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="kind" label="类型">
            <Radio.Group optionType="button" options={[{ value: 'resident', label: '群众' }, { value: 'enterprise', label: '企业' }]} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="phone" label="联系电话">
            <Input maxLength={40} placeholder={keep(visitor.phone)} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="idNumber" label="身份证号">
            <Input maxLength={40} placeholder={keep(visitor.idNumber)} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="organizationId" label="所属企业">
        <OrganizationPicker allowClear placeholder="输入企业名称查找；群众可不选" {...(visitor.organizationName ? { currentLabel: visitor.organizationName } : {})} />
      </Form.Item>
      <Form.Item name="address" label="住址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} onKeyDown={submitOnEnter(form)} />
      </Form.Item>
    </EditModalFrame>
  )
}
