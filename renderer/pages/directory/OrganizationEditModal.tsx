import { App, Col, Form, Input, Row, type InputRef } from 'antd'
import { useRef } from 'react'
import type { Organization } from '../../../electron/contract/types'
import { api } from '../../api'
import { blankToNull, submitOnEnter } from '../../lib/forms'
import { EditModalFrame } from './EditModalFrame'

interface Values {
  name: string
  creditCode?: string
  industry?: string
  address?: string
  note?: string
}

function fieldFor(code: string, message: string): string | null {
  if (code === 'invalid_credit_code' || code === 'duplicate' || message.includes('信用代码')) return 'creditCode'
  if (message.includes('名称')) return 'name'
  if (message.includes('地址')) return 'address'
  if (message.includes('行业')) return 'industry'
  if (message.includes('备注')) return 'note'
  return null
}

/** Corrects an enterprise's details. Enter saves. */
export function OrganizationEditModal({ organization, onSaved, onClose }: { organization: Organization; onSaved: (o: Organization) => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const nameRef = useRef<InputRef>(null)

  const save = async (v: Values) => {
    const saved = await api.organizationUpdate({
      id: organization.id,
      name: v.name,
      creditCode: blankToNull(v.creditCode),
      industry: blankToNull(v.industry),
      address: blankToNull(v.address),
      note: blankToNull(v.note),
    })
    message.success(`已保存“${saved.name}”`)
    onSaved(saved)
  }

  return (
    <EditModalFrame<Values>
      title="修改企业信息"
      name="organization-edit"
      form={form}
      focusRef={nameRef}
      fieldFor={fieldFor}
      save={save}
      onClose={onClose}
      initialValues={{ name: organization.name, creditCode: organization.creditCode ?? '', industry: organization.industry ?? '', address: organization.address ?? '', note: organization.note ?? '' }}
    >
      <Form.Item name="name" label="企业（单位）名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
        <Input ref={nameRef} maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="creditCode" label="统一社会信用代码">
            <Input maxLength={40} placeholder="18 位，可不填" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="industry" label="所属行业">
            <Input maxLength={50} placeholder="如：化学原料制造" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址">
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} onKeyDown={submitOnEnter(form)} />
      </Form.Item>
    </EditModalFrame>
  )
}
