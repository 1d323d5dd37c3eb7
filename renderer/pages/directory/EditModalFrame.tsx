import { Alert, Button, Flex, Form, Modal, type FormInstance, type FormProps, type InputRef } from 'antd'
import { useState, type ReactNode, type RefObject } from 'react'
import { showSaveError } from '../../lib/forms'

interface Props<V> {
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
  children: ReactNode
}

/** The dialog around a directory record's edit form: the fields, a refused save's message, 取消 and 保存. */
export function EditModalFrame<V>({ title, name, form, initialValues, focusRef, fieldFor, save, onClose, children }: Props<V>) {
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const submit = async (v: V) => {
    setSaving(true)
    setError(null)
    try {
      await save(v)
    } catch (e) {
      setError(showSaveError(form, e, fieldFor))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal open title={title} onCancel={onClose} footer={null} width={620} afterOpenChange={(open) => open && focusRef.current?.focus()} destroyOnHidden>
      <Form<V> form={form} name={name} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} initialValues={initialValues}>
        {children}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </Flex>
      </Form>
    </Modal>
  )
}
