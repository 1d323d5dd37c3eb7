import { MinusCircleOutlined } from '@ant-design/icons'
import { Button, Card, Col, Form, Input, Radio, Row, Select } from 'antd'
import type { KeyboardEvent, ReactNode } from 'react'
import { submitOnEnter } from '../../lib/forms'
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

/** The form's `matters`, a card each, removable while more than one is left; Enter saves from the long-text boxes too. */
export function MatterFields({ addButtons, visitorId, date }: ListProps) {
  const form = Form.useFormInstance()
  const { categories } = useReference()
  const options = categories
    .filter((c) => c.active)
    .map((c) => ({ value: c.id, label: `${c.name}（${describeLimit(c.timeLimitDays, c.timeLimitUnit)}）` }))
  return (
    <Form.List name="matters">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <MatterCard
              key={field.key}
              index={index}
              name={field.name}
              categories={options}
              canRemove={fields.length > 1}
              onRemove={() => remove(field.name)}
              onEnter={submitOnEnter(form)}
              visitorId={visitorId}
              date={date}
            />
          ))}
          {addButtons(add)}
        </>
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
  onEnter: (e: KeyboardEvent<HTMLTextAreaElement>) => void
  visitorId?: number | undefined
  date?: string | undefined
}

function MatterCard({ index, name, categories, canRemove, onRemove, onEnter, visitorId, date }: CardProps) {
  const type = Form.useWatch(['matters', name, 'type'])
  return (
    <Card size="small" type="inner" style={{ marginBottom: 8 }} styles={{ body: { padding: '8px 12px' } }}>
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
        <Col span={11}>
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
        <Col span={13}>
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
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} onKeyDown={onEnter} />
      </Form.Item>
      {type === 'issue' ? (
        <>
          <CaseFileFields name={name} visitorId={visitorId} date={date} />
          <IntakeFields name={name} />
        </>
      ) : (
        <Form.Item
          name={[name, 'answer']}
          label="答复内容"
          rules={[{ required: true, whitespace: true, message: '请填写当场答复的内容' }]}
          style={{ marginBottom: 0 }}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} onKeyDown={onEnter} />
        </Form.Item>
      )}
    </Card>
  )
}
