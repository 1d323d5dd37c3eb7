import { Button, Flex, Form, Modal, type FormInstance, type FormProps, type InputRef } from 'antd'
import { RefusalAlert } from './RefusalAlert'
import type { ReactNode, RefObject } from 'react'
import { useSaving } from '../lib/useSaving'
import { focusOnOpen } from '../lib/forms'
import { useCloseGuard } from '../lib/useCloseGuard'
import { useFormDraft } from '../lib/useFormDraft'

export interface FormModalProps<V> {
  title: string
  /** The form's name (its fields' ids start with it). */
  name: string
  form: FormInstance<V>
  initialValues: FormProps<V>['initialValues']
  /** The box that has the focus once the dialog is open. */
  focusRef: RefObject<InputRef | null>
  /** Which field a refused save is about, from the ledger's code or message. */
  fieldFor: (code: string, message: string) => string | null
  /** Saves; a throw is shown beside its field and above the buttons, the values left as typed. */
  save: (values: V) => Promise<void>
  onClose: () => void
  /** The dialog's width in pixels; antd's own when left out. */
  width?: number
  /** What the dialog edits, e.g. `visitor:12`: what is typed is kept as a draft under it until saved or discarded. */
  draftKey?: string
  /** Reads the record again after a save refused as stale (刷新); what is typed stays. */
  onRefresh?: () => void
  children: ReactNode
}

/** A dialog that edits one record: its fields, a refused save's message, 取消 and 保存. */
export function FormModal<V>({
  title,
  name,
  form,
  initialValues,
  focusRef,
  fieldFor,
  save,
  onClose,
  width,
  draftKey,
  onRefresh,
  children,
}: FormModalProps<V>) {
  const { error, refreshable, saving, submit, clearError } = useSaving(form, fieldFor)
  const draft = useFormDraft(form, draftKey ?? null, initialValues)
  const guard = useCloseGuard()
  // Esc, × and 取消 alike ask before typed work is lost.
  const cancel = () => guard(draft.isDirty(), onClose, draft.discard)
  return (
    <Modal open title={title} onCancel={cancel} footer={null} width={width} afterOpenChange={focusOnOpen(focusRef)} destroyOnHidden>
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          void submit(async () => {
            await save(v)
            draft.discard()
          })
        }
        onValuesChange={draft.onValuesChange}
        initialValues={initialValues}
      >
        {children}
        {error && (
          <RefusalAlert
            message={error}
            onRefresh={
              refreshable && onRefresh
                ? () => {
                    clearError()
                    onRefresh()
                  }
                : undefined
            }
          />
        )}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={cancel}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
