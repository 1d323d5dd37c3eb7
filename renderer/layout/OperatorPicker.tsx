import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, App, Input, Modal, Select, Space, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { ContractError } from '../../electron/contract/errors'
import { api } from '../api'
import { errorMessage } from '../lib/errors'
import { useOperator } from '../lib/operator'
import { useReference } from '../lib/reference'

/** 值班人员: whoever sits at the shared desk PC picks themselves (with a PIN if they set one). */
export function OperatorPicker() {
  const { operator, setOperator } = useOperator()
  const { staff } = useReference()
  const { message } = App.useApp()
  const [pinFor, setPinFor] = useState<number | null>(null)
  const [pin, setPin] = useState('')
  const [pinError, setPinError] = useState<string | null>(null)
  const pinRef = useRef<InputRef>(null)
  useEffect(() => {
    if (pinFor !== null) setTimeout(() => pinRef.current?.focus(), 50)
  }, [pinFor])

  const choose = async (staffId: number | null, withPin?: string) => {
    try {
      setOperator(await api.operatorSelect(withPin === undefined ? { staffId } : { staffId, pin: withPin }))
      setPinFor(null)
      setPin('')
      setPinError(null)
    } catch (e) {
      if (e instanceof ContractError && (e.code === 'pin_required' || e.code === 'wrong_pin')) {
        setPinFor(staffId)
        setPinError(e.code === 'wrong_pin' ? e.message : null)
      } else if (pinFor !== null) {
        setPinError(errorMessage(e))
      } else {
        message.error(errorMessage(e))
      }
    }
  }
  const person = staff.find((s) => s.id === pinFor)
  return (
    <Space>
      <UserOutlined />
      <Typography.Text>值班人员</Typography.Text>
      <Select
        aria-label="值班人员"
        style={{ width: 160 }}
        placeholder="请选择本人"
        value={operator?.id ?? null}
        allowClear
        onChange={(v: number | null | undefined) => void choose(v ?? null)}
        options={staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.hasPin ? `${s.name}（PIN）` : s.name }))}
      />
      <Modal
        open={pinFor !== null}
        title={`${person?.name ?? ''} 登录`}
        okText="登录"
        cancelText="取消"
        onCancel={() => {
          setPinFor(null)
          setPin('')
          setPinError(null)
        }}
        onOk={() => void choose(pinFor, pin)}
        destroyOnHidden
      >
        <Input.Password
          ref={pinRef}
          aria-label="PIN 码"
          prefix={<LockOutlined />}
          placeholder="请输入 PIN 码"
          value={pin}
          maxLength={12}
          onChange={(e) => setPin(e.target.value)}
          onPressEnter={() => void choose(pinFor, pin)}
        />
        {pinError && <Alert type="error" showIcon title={pinError} style={{ marginTop: 8 }} />}
      </Modal>
    </Space>
  )
}
