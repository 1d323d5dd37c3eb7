import { Form, Input } from 'antd'
import { submitOnEnter } from '../../lib/forms'

/** 备注, the last box of a directory record's form: Enter saves from it like from any other. */
export function NoteField() {
  const form = Form.useFormInstance()
  return (
    <Form.Item name="note" label="备注">
      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} onKeyDown={submitOnEnter(form)} />
    </Form.Item>
  )
}
