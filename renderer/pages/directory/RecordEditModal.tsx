import { App } from 'antd'
import { FormModal, type FormModalProps } from '../../components/FormModal'

interface Props<V, R> extends Omit<FormModalProps<V>, 'save' | 'width'> {
  save: (values: V) => Promise<R>
  /** What the message says once the ledger has taken the change. */
  savedText: (saved: R) => string
  onSaved: (saved: R) => void
}

/**
 * The dialog that corrects an enterprise or a visitor. Both end with 备注 (NoteField), so a
 * refusal about it goes beside that box when the record's own `fieldFor` has no better place.
 */
export function RecordEditModal<V, R>({ save, savedText, onSaved, fieldFor, ...rest }: Props<V, R>) {
  const { message } = App.useApp()
  return (
    <FormModal<V>
      {...rest}
      width={620}
      fieldFor={(code, text) => fieldFor(code, text) ?? (text.includes('备注') ? 'note' : null)}
      save={async (v) => {
        const saved = await save(v)
        message.success(savedText(saved))
        onSaved(saved)
      }}
    />
  )
}
