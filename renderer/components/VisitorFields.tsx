import { Form, Input, InputNumber, Radio, type FormRule, type InputRef } from 'antd'
import type { Ref } from 'react'
import { api } from '../api'

// The boxes of every form that names a visitor or an enterprise, so that a limit or a rule is the
// same wherever it is typed: the desk, a booking, a phoned-in issue, a correction in the directory.

interface BoxProps {
  placeholder?: string
  autoFocus?: boolean
  ref?: Ref<InputRef>
}

/** A visitor's name; `label` and `message` say who it is on this form (预约人, 反映人 …). */
export function VisitorNameField({
  name = 'name',
  label,
  message,
  placeholder,
  autoFocus,
  ref,
}: BoxProps & { name?: string; label: string; message: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message }]}>
      <Input ref={ref} autoFocus={autoFocus} placeholder={placeholder} maxLength={50} />
    </Form.Item>
  )
}

/**
 * Checked by the ledger's own rule as the cursor leaves the box (and again on save), so a wrong
 * digit shows while the visitor is still at the desk.
 */
export function identityRule(field: 'phone' | 'idNumber' | 'creditCode'): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return
      const { problem } = await api.directoryCheckIdentity({ field, value: value.slice(0, 40) })
      if (problem) throw new Error(problem)
    },
  }
}

export function PhoneField({ placeholder, autoComplete }: { placeholder?: string; autoComplete?: 'off' }) {
  return (
    <Form.Item name="phone" label="联系电话" rules={[identityRule('phone')]} validateTrigger="onBlur">
      <Input maxLength={40} placeholder={placeholder} autoComplete={autoComplete} />
    </Form.Item>
  )
}

export function HeadcountField() {
  return (
    <Form.Item name="headcount" label="人数" rules={[{ required: true, message: '请填写人数' }]}>
      <InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  )
}

const KINDS = [
  { value: 'resident', label: '群众' },
  { value: 'enterprise', label: '企业' },
]

/** 群众 or 企业, as buttons. */
export function VisitorKindField({ name }: { name: string }) {
  return (
    <Form.Item name={name} label="类型">
      <Radio.Group optionType="button" options={KINDS} />
    </Form.Item>
  )
}

export function OrganizationNameField({ name = 'organizationName', placeholder, ref }: Omit<BoxProps, 'autoFocus'> & { name?: string }) {
  return (
    <Form.Item name={name} label="企业（单位）名称" rules={[{ required: true, whitespace: true, message: '请填写企业名称' }]}>
      <Input ref={ref} placeholder={placeholder} maxLength={100} />
    </Form.Item>
  )
}

export function CreditCodeField({ placeholder }: { placeholder?: string }) {
  return (
    <Form.Item name="creditCode" label="统一社会信用代码" rules={[identityRule('creditCode')]} validateTrigger="onBlur">
      <Input maxLength={40} placeholder={placeholder} />
    </Form.Item>
  )
}
