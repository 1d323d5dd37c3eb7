import { LockOutlined } from '@ant-design/icons'
import { Alert, App, Button, Flex, Form, Input, Modal, Typography, type InputRef } from 'antd'
import { useRef } from 'react'
import type { Staff } from '../../../electron/contract/types'
import { api } from '../../api'
import { useOperator } from '../../lib/operator'
import { useSaving } from '../../lib/useSaving'
import { focusOnOpen } from '../../lib/forms'

interface Values {
  currentPin?: string
  pin?: string
  confirm?: string
}

const PIN_RULE = /^\d{4,12}$/

/** Full-width digits from a Chinese input method count as digits, as the ledger reads them. */
function halfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim()
}

function fieldFor(code: string): string | null {
  if (code === 'wrong_pin' || code === 'pin_required') return 'currentPin'
  if (code === 'invalid_pin') return 'pin'
  return null
}

/**
 * 设置 / 修改 / 清除 PIN for one person. People change their own (with the current PIN if they have
 * one); a signed-in 负责人 may set or clear anyone's, e.g. for someone who forgot theirs: a PIN set
 * for someone else is an initial PIN, which its owner replaces with their own at their next sign-in.
 */
export function PinModal({
  staff,
  mode,
  onDone,
  onClose,
}: {
  staff: Staff
  mode: 'set' | 'clear'
  onDone: () => void
  onClose: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { message } = App.useApp()
  const { operator } = useOperator()
  const first = useRef<InputRef>(null)
  const { error, saving, submit } = useSaving(form, fieldFor)
  const self = operator?.id === staff.id
  const supervisor = operator?.role === 'supervisor' && operator.id !== null
  // The ledger asks for the current PIN whenever people change their own.
  const needsCurrent = self && staff.hasPin

  const save = (v: Values) =>
    submit(async () => {
      const pin = mode === 'set' ? halfWidth(v.pin ?? '') : null
      await api.staffSetPin({ staffId: staff.id, pin, ...(needsCurrent ? { currentPin: halfWidth(v.currentPin ?? '') } : {}) })
      const done = self ? `已为“${staff.name}”设置 PIN` : `已为“${staff.name}”设置初始 PIN，本人下次登录时须改为自己的 PIN`
      message.success(mode === 'set' ? done : `已清除“${staff.name}”的 PIN`)
      onDone()
    })

  const title = mode === 'clear' ? `清除 PIN：${staff.name}` : `${staff.hasPin ? '修改' : '设置'} PIN：${staff.name}`
  return (
    <Modal open title={title} onCancel={onClose} footer={null} width={440} afterOpenChange={focusOnOpen(first)} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {mode === 'clear'
          ? '清除后，任何人在右上角都可以直接选择此人作为值班人员，无需输入 PIN。'
          : self
            ? 'PIN 为 4 至 12 位数字，在右上角选择本人作为值班人员时输入。PIN 只以不可还原的方式保存，忘记后请负责人重设。'
            : `这是为“${staff.name}”设置的初始 PIN（4 至 12 位数字）：请当面告知本人，本人下次登录时须改为只有自己知道的 PIN。`}
      </Typography.Paragraph>
      {!self && !supervisor && (
        <Alert
          type="info"
          showIcon
          title="只有本人或负责人可以设置他人的 PIN，请先在右上角选择本人或负责人登录。"
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} name="pin" layout="vertical" onFinish={(v) => void save(v)} requiredMark={false} autoComplete="off">
        {needsCurrent && (
          <Form.Item name="currentPin" label="原 PIN" rules={[{ required: true, message: '请输入原 PIN' }]}>
            <Input.Password
              visibilityToggle={false}
              ref={first}
              prefix={<LockOutlined />}
              maxLength={12}
              inputMode="numeric"
              autoComplete="off"
            />
          </Form.Item>
        )}
        {mode === 'set' && (
          <>
            <Form.Item
              name="pin"
              label="新 PIN"
              rules={[
                { required: true, message: '请输入新 PIN' },
                {
                  validator: async (_, value: string | undefined) => {
                    if (value && !PIN_RULE.test(halfWidth(value))) throw new Error('PIN 须为 4 至 12 位数字')
                  },
                },
              ]}
            >
              <Input.Password
                visibilityToggle={false}
                ref={needsCurrent ? undefined : first}
                prefix={<LockOutlined />}
                maxLength={12}
                inputMode="numeric"
                autoComplete="new-password"
              />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="再次输入新 PIN"
              dependencies={['pin']}
              rules={[
                { required: true, message: '请再次输入新 PIN' },
                ({ getFieldValue }) => ({
                  validator: async (_, value: string | undefined) => {
                    const pin: unknown = getFieldValue('pin')
                    if (!value || (typeof pin === 'string' && halfWidth(pin) === halfWidth(value))) return
                    throw new Error('两次输入的 PIN 不一致')
                  },
                }),
              ]}
            >
              <Input.Password
                visibilityToggle={false}
                prefix={<LockOutlined />}
                maxLength={12}
                inputMode="numeric"
                autoComplete="new-password"
              />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" danger={mode === 'clear'} htmlType="submit" loading={saving} autoFocus={mode === 'clear' && !needsCurrent}>
            {mode === 'clear' ? '清除 PIN' : '保存 PIN'}
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
