import { Button, Form, Input, Space, type GetProps } from 'antd'
import { RefusalAlert } from '../../../components/RefusalAlert'
import { createContext, useContext, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { IssueDetail } from '../../../../electron/contract/types'
import { errorMessage, needsRefresh } from '../../../lib/errors'
import { useCloseGuard } from '../../../lib/useCloseGuard'
import { useFormDraft } from '../../../lib/useFormDraft'

/** The draft an action form keeps its typed text under: `issue:<id>:<action>` (see actionDraftKey). */
export const ActionDraftKey = createContext<string | null>(null)

export function actionDraftKey(issueId: number, action: string): string {
  return `issue:${issueId}:${action}`
}

/** Every action form of one issue keeps its draft under this prefix. */
export const issueDraftPrefix = (issueId: number): string => `issue:${issueId}:`

export interface ActionFormProps {
  detail: IssueDetail
  onSaved: (d: IssueDetail) => void
  /**
   * A refused save: the form stays as typed; the caller reads the issue again and shows it around
   * the form. Called at once, or when the clerk presses 刷新 after a save refused as stale.
   */
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
  // Someone saved the issue first: 刷新 reads it again, and the next save names the version read then.
  const [refresh, setRefresh] = useState(false)
  const [saving, setSaving] = useState(false)
  const inFlight = useRef(false)
  const box = useRef<HTMLDivElement>(null)
  const draft = useFormDraft(form, useContext(ActionDraftKey), initialValues ?? {})
  const guard = useCloseGuard()
  const cancel = () => guard(draft.isDirty(), onCancel, draft.discard)

  // After any dialog or drawer has placed its own focus.
  useEffect(() => {
    const t = setTimeout(() => box.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus(), 0)
    return () => clearTimeout(t)
  }, [])

  const finish = async (values: V) => {
    // A second Enter while the first is on its way is the same action.
    if (inFlight.current) return
    inFlight.current = true
    setSaving(true)
    setError(null)
    setRefresh(false)
    try {
      const saved = await save(values)
      draft.discard()
      onSaved(saved)
    } catch (e) {
      setError(errorMessage(e))
      if (needsRefresh(e) && onRefused) setRefresh(true)
      else onRefused?.()
    } finally {
      inFlight.current = false
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
        onValuesChange={() => {
          if (!refresh) setError(null)
          draft.onValuesChange()
        }}
      >
        {children}
        {error && (
          <RefusalAlert
            message={error}
            onRefresh={
              refresh && onRefused
                ? () => {
                    setError(null)
                    setRefresh(false)
                    onRefused()
                  }
                : undefined
            }
          />
        )}
        <Space>
          <Button type="primary" danger={danger} htmlType="submit" loading={saving}>
            {okText}
          </Button>
          <Button onClick={cancel}>取消</Button>
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
