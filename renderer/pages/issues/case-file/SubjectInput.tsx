import { AutoComplete, Form } from 'antd'
import { useState } from 'react'
import { api } from '../../../api'
import { useDebounced } from '../../../lib/useDebounced'
import { useQuery } from '../../../lib/useQuery'

interface Props {
  /** The Form.Item name of the typed name (relative inside a Form.List). */
  name: (string | number)[]
  /** The form's full path of the picked enterprise's id. */
  idPath: (string | number)[]
  id?: string
  placeholder?: string
}

/**
 * 被反映对象: an enterprise typed by name, with the directory's enterprises offered as it is typed.
 * Picking one keeps its id; typing on after that makes it a name again (a new enterprise is added
 * to the directory when the issue is saved).
 */
export function SubjectInput({ name, idPath, id, placeholder }: Props) {
  const form = Form.useFormInstance()
  const [text, setText] = useState('')
  const query = useDebounced(text.trim(), 250)
  const found = useQuery(async () => (query.length >= 2 ? (await api.organizationList({ query, page: 1, pageSize: 8 })).rows : []), [query])
  const options = (found.data ?? []).map((o) => ({
    value: o.name,
    key: o.id,
    label: `${o.name}${o.creditCode ? `（${o.creditCode}）` : ''}`,
  }))
  return (
    <Form.Item name={name} noStyle>
      <AutoComplete
        id={id}
        aria-label="被反映企业"
        options={options}
        placeholder={placeholder}
        allowClear
        onSearch={(v) => {
          setText(v)
          form.setFieldValue(idPath, undefined)
        }}
        onSelect={(_value, option) => form.setFieldValue(idPath, option.key)}
        onClear={() => form.setFieldValue(idPath, undefined)}
        maxLength={100}
      />
    </Form.Item>
  )
}
