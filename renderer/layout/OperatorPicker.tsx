import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, App, Input, Modal, Select, Space, Typography, type InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { ContractError } from '../../electron/contract/errors'
import type { Operator } from '../../electron/contract/types'
import { api } from '../api'
import { errorMessage } from '../lib/errors'
import { useOperator } from '../lib/operator'
import { useReference } from '../lib/reference'

/**
 * What the sign-in dialog asks for: the person's PIN; a supervisor's first PIN of their own; or
 * the initial PIN a supervisor gave them and the new one that replaces it.
 */
type Step = 'pin' | 'setup' | 'change'

const STEP_FOR_CODE: Record<string, Step> = { pin_required: 'pin', pin_setup_required: 'setup', pin_change_required: 'change' }

const PIN_RULE = /^\d{4,12}$/

/** Full-width digits from a Chinese input method count as digits, as the ledger reads them. */
function halfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim()
}

interface Fields {
  pin: string
  newPin: string
  confirm: string
}

const EMPTY: Fields = { pin: '', newPin: '', confirm: '' }

/** The new PIN as typed twice, or why it cannot be taken. */
function newPinProblem(f: Fields): string | null {
  if (!PIN_RULE.test(halfWidth(f.newPin))) return '新 PIN 须为 4 至 12 位数字'
  if (halfWidth(f.newPin) !== halfWidth(f.confirm)) return '两次输入的新 PIN 不一致'
  return null
}

/**
 * A supervisor left signed in is signed out by main after the idle time set in 设置; the header
 * follows: after that long without a key or a click here, it asks main who is on duty.
 */
function useIdleCheck(operator: Operator | null, setOperator: (o: Operator | null) => void): void {
  const { message } = App.useApp()
  useEffect(() => {
    if (operator?.role !== 'supervisor') return undefined
    let last = performance.now()
    let minutes = 10
    let stopped = false
    void api
      .settingsGet({})
      .then((s) => (minutes = s.supervisorIdleMinutes))
      .catch(() => undefined)
    const touch = () => (last = performance.now())
    const events = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, touch, { passive: true })
    const timer = window.setInterval(() => {
      if (stopped || performance.now() - last < minutes * 60_000 + 5_000) return
      stopped = true
      void api
        .appInfo({})
        .then((info) => {
          setOperator(info.operator)
          if (info.operator === null) message.warning(`负责人已超过 ${minutes} 分钟未操作，已自动退出登录`)
        })
        .catch(() => undefined)
    }, 15_000)
    return () => {
      window.clearInterval(timer)
      for (const e of events) window.removeEventListener(e, touch)
    }
  }, [operator, setOperator, message])
}

/** 值班人员: whoever sits at the shared desk PC picks themselves (with their PIN when they have one). */
export function OperatorPicker() {
  const { operator, setOperator } = useOperator()
  const { staff, reload } = useReference()
  const { message } = App.useApp()
  const [who, setWho] = useState<number | null>(null)
  const [step, setStep] = useState<Step>('pin')
  const [fields, setFields] = useState<Fields>(EMPTY)
  const [problem, setProblem] = useState<string | null>(null)
  const first = useRef<InputRef>(null)
  useIdleCheck(operator, setOperator)
  useEffect(() => {
    if (who !== null) setTimeout(() => first.current?.focus(), 50)
  }, [who, step])

  const close = () => {
    setWho(null)
    setFields(EMPTY)
    setProblem(null)
  }

  const choose = async (staffId: number | null, input: Partial<Fields> = {}) => {
    try {
      const pin = input.pin ? halfWidth(input.pin) : undefined
      const newPin = input.newPin ? halfWidth(input.newPin) : undefined
      setOperator(await api.operatorSelect({ staffId, ...(pin ? { pin } : {}), ...(newPin ? { newPin } : {}) }))
      if (newPin) {
        message.success('已设置本人的 PIN，以后登录时输入它')
        reload()
      }
      close()
    } catch (e) {
      const next = e instanceof ContractError ? STEP_FOR_CODE[e.code] : undefined
      if (next !== undefined && staffId !== null) {
        // The first ask names the step; an error message belongs only to an answer that was typed.
        const typed = input.pin !== undefined || input.newPin !== undefined
        setWho(staffId)
        setStep(next)
        setProblem(typed ? errorMessage(e) : null)
      } else if (who !== null) {
        setProblem(errorMessage(e))
      } else {
        message.error(errorMessage(e))
      }
    }
  }

  const submit = () => {
    if (who === null) return
    if (step === 'pin') return void choose(who, { pin: fields.pin })
    const bad = newPinProblem(fields)
    if (bad !== null) return setProblem(bad)
    void choose(who, step === 'change' ? { pin: fields.pin, newPin: fields.newPin } : { newPin: fields.newPin })
  }

  const person = staff.find((s) => s.id === who)
  const name = person?.name ?? ''
  const title = step === 'pin' ? `${name} 登录` : step === 'setup' ? `${name} 首次登录：设置本人的 PIN` : `${name} 登录：改为本人的 PIN`
  const field = (key: keyof Fields, label: string, isFirst: boolean, last: boolean) => (
    <Input.Password
      key={key}
      ref={isFirst ? first : undefined}
      aria-label={label}
      prefix={<LockOutlined />}
      placeholder={label}
      value={fields[key]}
      maxLength={12}
      inputMode="numeric"
      autoComplete={key === 'pin' ? 'off' : 'new-password'}
      visibilityToggle={false}
      onChange={(e) => setFields((f) => ({ ...f, [key]: e.target.value }))}
      onPressEnter={last ? submit : () => undefined}
    />
  )
  return (
    <Space>
      <UserOutlined />
      <Typography.Text>值班人员</Typography.Text>
      <Select
        aria-label="值班人员"
        style={{ width: 160 }}
        placeholder={staff.length === 0 ? '尚无人员' : '请选择本人'}
        value={operator?.id ?? null}
        allowClear
        onChange={(v: number | null | undefined) => void choose(v ?? null)}
        options={staff.filter((s) => s.active).map((s) => ({ value: s.id, label: s.hasPin ? `${s.name}（PIN）` : s.name }))}
      />
      <Modal open={who !== null} title={title} okText="登录" cancelText="取消" onCancel={close} onOk={submit} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {step === 'setup' && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              负责人的权限（查看完整个人信息、审计日志、办结时限、节假日、设置、合并、恢复备份等）只给输入本人 PIN
              登录的负责人。请设置只有自己知道的 PIN（4 至 12 位数字），以后每次登录都要输入。
            </Typography.Paragraph>
          )}
          {step === 'change' && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              你的 PIN 是负责人设置的初始 PIN。请先输入它，再设置只有自己知道的新 PIN（4 至 12 位数字）。
            </Typography.Paragraph>
          )}
          {step === 'pin' && field('pin', 'PIN 码', true, true)}
          {step === 'change' && field('pin', '初始 PIN', true, false)}
          {step !== 'pin' && field('newPin', '新 PIN', step === 'setup', false)}
          {step !== 'pin' && field('confirm', '再次输入新 PIN', false, true)}
          {problem && <Alert type="error" showIcon title={problem} />}
        </Space>
      </Modal>
    </Space>
  )
}
