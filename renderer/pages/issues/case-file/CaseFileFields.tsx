import { Col, Form, Input, Row, Select } from 'antd'
import { useReference } from '../../../lib/reference'
import { RepeatWarning } from './RepeatWarning'
import { SubjectInput } from './SubjectInput'

interface Props {
  /** The matter's index in the form's `matters`. */
  name: number
  visitorId?: number | undefined
  date?: string | undefined
}

/** An issue's case file at registration: whom it is about, where it belongs, and whether it repeats an earlier one. */
export function CaseFileFields({ name, visitorId, date }: Props) {
  const { localities } = useReference()
  const form = Form.useFormInstance()
  const picked: unknown = Form.useWatch(['matters', name, 'subjectId'], form)
  const typed: unknown = Form.useWatch(['matters', name, 'subjectName'], form)
  const isNew = typeof picked !== 'number' && typeof typed === 'string' && typed.trim() !== ''
  const options = localities.filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }))
  return (
    <>
      <Form.Item name={[name, 'place']} label="问题地点/点位" style={{ marginBottom: 8 }}>
        <Input maxLength={200} placeholder="如：城东工业园、河口桥下排口" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={isNew ? 9 : 14}>
          <Form.Item label="被反映企业（单位）" htmlFor={`subject-${name}`} style={{ marginBottom: 0 }}>
            <SubjectInput
              id={`subject-${name}`}
              name={[name, 'subjectName']}
              idPath={['matters', name, 'subjectId']}
              placeholder="投诉的企业，可不填"
            />
          </Form.Item>
          <Form.Item name={[name, 'subjectId']} hidden>
            <Input />
          </Form.Item>
        </Col>
        {isNew && (
          <Col span={5}>
            <Form.Item name={[name, 'subjectCreditCode']} label="信用代码" style={{ marginBottom: 0 }}>
              <Input maxLength={40} placeholder="知道时填写" />
            </Form.Item>
          </Col>
        )}
        <Col span={10}>
          <Form.Item
            name={[name, 'localityId']}
            label="属地"
            rules={options.length > 0 ? [{ required: true, message: '请选择属地（乡镇、街道）' }] : []}
            style={{ marginBottom: 0 }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={options.length > 0 ? '乡镇、街道' : '设置中尚无属地'}
              options={options}
              disabled={options.length === 0}
              allowClear
            />
          </Form.Item>
        </Col>
      </Row>
      <RepeatWarning index={name} visitorId={visitorId} date={date} />
    </>
  )
}
