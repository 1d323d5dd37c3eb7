import { Alert, Button, Form, Input, Space, type GetProps } from 'antd'
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { IssueDetail } from '../../../../electron/contract/types'
import { errorMessage } from '../../../lib/errors'

export interface ActionFormProps {
  detail: IssueDetail
  onSaved: (d: IssueDetail) => void
  /** A refused save: the form stays as typed; the caller may refresh what it shows around it. */
  onRefused?: () => void
  onCancel: () => void
}

interface Props<V> {
  okText: string
  danger?: boolean
  initialValues?: Partial<V>
  save: (values: V) => Promise<IssueDetail>
  onSaved: (d: IssueDetail) => void
  onRefused?: (() => void) | undefined
  onCancel: () => void
  children: ReactNode
}

const FIRST_FIELD = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled])'

/**
 * The frame of every action form: the cursor starts in the first field, Enter saves, a refusal
 * from the ledger shows its Chinese message under the fields and nothing typed is lost.
 */
export function ActionForm<V extends object>({ okText, danger, initialValues, save, onSaved, onRefused, onCancel, children }: Props<V>) {
  const [form] = Form.useForm<V>()
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const box = useRef<HTMLDivElement>(null)

  // After any dialog or drawer has placed its own focus.
  useEffect(() => {
    const t = setTimeout(() => box.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus(), 0)
    return () => clearTimeout(t)
  }, [])

  const finish = async (values: V) => {
    setSaving(true)
    setError(null)
    try {
      onSaved(await save(values))
    } catch (e) {
      setError(errorMessage(e))
      onRefused?.()
    } finally {
      setSaving(false)
    }
  }

  // A radio group has no native Enter-to-submit; give it one so the whole form works from keys.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type === 'radio') {
      e.preventDefault()
      form.submit()
    }
  }

  return (
    <div ref={box} onKeyDown={onKeyDown}>
      <Form<V>
        form={form}
        layout="vertical"
        size="middle"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={(v) => void finish(v)}
        onValuesChange={() => setError(null)}
      >
        {children}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space>
          <Button type="primary" danger={danger} htmlType="submit" loading={saving}>
            {okText}
          </Button>
          <Button onClick={onCancel}>取消</Button>
        </Space>
      </Form>
    </div>
  )
}

/** A long-text box in which Enter saves the form and Shift+Enter starts a new line. */
export function SubmitTextArea(props: GetProps<typeof Input.TextArea>) {
  const form = Form.useFormInstance()
  return (
    <Input.TextArea
      autoSize={{ minRows: 2, maxRows: 6 }}
      {...props}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
          e.preventDefault()
          form.submit()
        }
      }}
    />
  )
}
