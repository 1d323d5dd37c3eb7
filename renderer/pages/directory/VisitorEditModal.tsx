import { Col, Form, Input, Row, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import type { Visitor, VisitorKind } from '../../../electron/contract/types'
import { api } from '../../api'
import { PhoneField, VisitorKindField, VisitorNameField } from '../../components/VisitorFields'
import { blankToNull, blankToUndefined } from '../../lib/forms'
import { useRefreshedVersion } from '../../lib/useRefreshedVersion'
import { maskedPlaceholder } from '../../lib/maskedPlaceholder'
import { NoteField } from './NoteField'
import { OrganizationPicker } from './Pickers'
import { RecordEditModal } from './RecordEditModal'

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
  return null
}

/**
 * Corrects a visitor's details. The stored phone and ID number are only ever shown masked: a
 * box left blank keeps what is stored, anything typed replaces it. Enter saves.
 */
export function VisitorEditModal({ visitor, onSaved, onClose }: { visitor: Visitor; onSaved: (v: Visitor) => void; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const nameRef = useRef<InputRef>(null)
  // The version the save names: the one opened, or the one read again on 刷新 after someone saved first.
  const [version, setVersion] = useState(visitor.version)
  const refresh = useRefreshedVersion(() => api.visitorHistory({ id: visitor.id }).then((h) => h.visitor.version), setVersion)

  const save = (v: Values) => {
    const phone = blankToUndefined(v.phone)
    const idNumber = blankToUndefined(v.idNumber)
    return api.visitorUpdate({
      id: visitor.id,
      version,
      name: v.name,
      kind: v.kind,
      ...(phone !== undefined ? { phone } : {}),
      ...(idNumber !== undefined ? { idNumber } : {}),
      organizationId: v.organizationId,
      address: blankToNull(v.address),
      note: blankToNull(v.note),
    })
  }

  return (
    <RecordEditModal<Values, Visitor>
      title="修改来访人信息"
      name="visitor-edit"
      draftKey={`visitor:${visitor.id}`}
      form={form}
      focusRef={nameRef}
      fieldFor={fieldFor}
      onRefresh={refresh}
      save={save}
      savedText={(saved) => `已保存来访人“${saved.name}”`}
      onSaved={onSaved}
      onClose={onClose}
      initialValues={{
        name: visitor.name,
        kind: visitor.kind,
        phone: '',
        idNumber: '',
        organizationId: visitor.organizationId,
        address: visitor.address ?? '',
        note: visitor.note ?? '',
      }}
    >
      <Row gutter={12}>
        <Col span={12}>
          <VisitorNameField label="姓名" message="请填写姓名" ref={nameRef} />
        </Col>
        <Col span={12}>
          <VisitorKindField name="kind" />
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <PhoneField placeholder={maskedPlaceholder(visitor.phone)} autoComplete="off" />
        </Col>
        <Col span={12}>
          <Form.Item name="idNumber" label="身份证号">
            <Input maxLength={40} placeholder={maskedPlaceholder(visitor.idNumber)} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="organizationId" label="所属企业">
        <OrganizationPicker
          allowClear
          placeholder="输入企业名称查找；群众可不选"
          {...(visitor.organizationName ? { currentLabel: visitor.organizationName } : {})}
        />
      </Form.Item>
      <Form.Item name="address" label="住址">
        <Input maxLength={200} />
      </Form.Item>
      <NoteField />
    </RecordEditModal>
  )
}
