import { MinusCircleOutlined } from '@ant-design/icons'
import { AutoComplete, Button, Card, Col, Form, Input, Radio, Row, Select, Typography } from 'antd'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useReference } from '../../lib/reference'
import { describeLimit } from '../../../shared/codes/petitions'
import type { MatterValues } from './registration'
import { IntakeFields } from './IntakeFields'
import { CaseFileFields } from '../issues/case-file/CaseFileFields'

interface ListProps {
  /** The buttons below the list; the desk and 来电来信 add different kinds of matter. */
  addButtons: (add: (matter: MatterValues) => void) => ReactNode
  /** A returning visitor picked at the desk, for the 重复件 warning. */
  visitorId?: number | undefined
  /** The day the matters are registered for (the reception day, the day a letter came). */
  date?: string | undefined
}

/**
 * The form's `matters`, a card each, removable while more than one is left. Enter is the form's
 * (lib/enterKeys.ts). A matter added from its button takes the cursor, in its 问题类别.
 */
export function MatterFields({ addButtons, visitorId, date }: ListProps) {
  const { categories } = useReference()
  const options = categories
    .filter((c) => c.active)
    .map((c) => ({ value: c.id, label: `${c.name}（${describeLimit(c.timeLimitDays, c.timeLimitUnit)}）` }))
  const list = useRef<HTMLDivElement>(null)
  const [added, setAdded] = useState<number | null>(null)
  useEffect(() => {
    if (added === null) return
    list.current?.querySelector<HTMLElement>(`[data-matter="${added}"] .ant-select input`)?.focus()
    setAdded(null)
  }, [added])
  return (
    <Form.List name="matters">
      {(fields, { add, remove }) => (
        <div ref={list}>
          {fields.map((field, index) => (
            <MatterCard
              key={field.key}
              index={index}
              name={field.name}
              categories={options}
              canRemove={fields.length > 1}
              onRemove={() => remove(field.name)}
              visitorId={visitorId}
              date={date}
            />
          ))}
          {addButtons((matter) => {
            add(matter)
            setAdded(fields.length)
          })}
        </div>
      )}
    </Form.List>
  )
}

interface CardProps {
  index: number
  name: number
  categories: { value: number; label: string }[]
  canRemove: boolean
  onRemove: () => void
  visitorId?: number | undefined
  date?: string | undefined
}

function MatterCard({ index, name, categories, canRemove, onRemove, visitorId, date }: CardProps) {
  const type = Form.useWatch(['matters', name, 'type'])
  return (
    <Card size="small" type="inner" data-matter={index} style={{ marginBottom: 8 }} styles={{ body: { padding: '8px 12px' } }}>
      {canRemove && (
        <Button
          type="text"
          size="small"
          icon={<MinusCircleOutlined />}
          onClick={onRemove}
          aria-label={`删除事项 ${index + 1}`}
          style={{ float: 'right' }}
        >
          删除事项 {index + 1}
        </Button>
      )}
      <Row gutter={12}>
        <Col flex="none">
          <Form.Item name={[name, 'type']} label="办理方式" style={{ marginBottom: 8 }}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'consultation', label: '咨询·当场答复' },
                { value: 'issue', label: '受理·交办' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col flex="1 1 170px" style={{ minWidth: 0 }}>
          <Form.Item
            name={[name, 'categoryId']}
            label="问题类别"
            rules={[{ required: true, message: '请选择问题类别' }]}
            style={{ marginBottom: 8 }}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} placeholder="选择类别（可输入筛选）" options={categories} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={[name, 'content']}
        label={type === 'issue' ? '反映问题' : '咨询内容'}
        rules={[{ required: true, whitespace: true, message: type === 'issue' ? '请填写反映的问题' : '请填写咨询内容' }]}
        style={{ marginBottom: 8 }}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
      </Form.Item>
      {type === 'issue' ? (
        <>
          <CaseFileFields name={name} visitorId={visitorId} date={date} />
          <IntakeFields name={name} />
        </>
      ) : (
        <AnswerItem name={name} />
      )}
    </Card>
  )
}

/**
 * 答复内容 with the category's 常用答复: ↓ lists them, the most used first, and Enter puts the
 * highlighted one in to edit (↓ Enter for the most used); typing narrows the list.
 */
function AnswerItem({ name }: { name: number }) {
  const form = Form.useFormInstance()
  const { answers } = useReference()
  const categoryId: unknown = Form.useWatch(['matters', name, 'categoryId'])
  const options = answers
    .filter((a) => a.categoryId === categoryId)
    .map((a) => ({
      value: a.text,
      templateId: a.id,
      label: (
        <div style={{ whiteSpace: 'normal' }}>
          {a.text}
          {a.useCount > 0 && <Typography.Text type="secondary"> · 用过 {a.useCount} 次</Typography.Text>}
        </div>
      ),
    }))
  // A saved answer belongs to its category: choosing another forgets which one was picked.
  const shownFor = useRef(categoryId)
  useEffect(() => {
    if (shownFor.current !== undefined && shownFor.current !== categoryId)
      form.setFieldValue(['matters', name, 'answerTemplateId'], undefined)
    shownFor.current = categoryId
  }, [categoryId, form, name])
  return (
    <>
      <Form.Item name={[name, 'answerTemplateId']} hidden>
        <Input />
      </Form.Item>
      <Form.Item
        name={[name, 'answer']}
        label={options.length > 0 ? `答复内容（常用答复 ${options.length} 条：↓ 选择）` : '答复内容'}
        rules={[{ required: true, whitespace: true, message: '请填写当场答复的内容' }]}
        style={{ marginBottom: 0 }}
      >
        <AutoComplete
          options={options}
          defaultActiveFirstOption
          popupMatchSelectWidth
          filterOption={(input, option) => input.trim() === '' || (option?.value ?? '').includes(input.trim())}
          onSelect={(_value, option) => form.setFieldValue(['matters', name, 'answerTemplateId'], option.templateId)}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
        </AutoComplete>
      </Form.Item>
    </>
  )
}
