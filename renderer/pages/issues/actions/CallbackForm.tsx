import { Col, DatePicker, Form, Radio, Row } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import type { CallbackMethod, IssueDetail, IssueListItem, Satisfaction } from '../../../../electron/contract/types'
import { api } from '../../../api'
import { CALLBACK_METHOD, optionsOf, SATISFACTION } from '../../../lib/labels'
import { ActionForm, SubmitTextArea } from './ActionForm'
import { isoDate, pastDateOnly } from './dates'

interface Values {
  satisfaction: Satisfaction
  method: CallbackMethod
  date: Dayjs
  comment?: string
}

interface Props {
  issue: Pick<IssueListItem, 'id' | 'version' | 'acceptedDate' | 'resolvedDate'>
  onSaved: (d: IssueDetail) => void
  onRefused?: () => void
  onCancel: () => void
}

/** 回访 in one step: how the visitor was reached and how satisfied they are; 不满意 reopens. */
export function CallbackForm({ issue, onSaved, onRefused, onCancel }: Props) {
  return (
    <ActionForm<Values>
      okText="保存回访"
      initialValues={{ method: 'phone', date: dayjs() }}
      save={(v) =>
        api.issueCallback({
          issueId: issue.id,
          version: issue.version,
          date: isoDate(v.date),
          method: v.method,
          satisfaction: v.satisfaction,
          comment: v.comment?.trim() ? v.comment : null,
        })
      }
      onSaved={onSaved}
      onRefused={onRefused}
      onCancel={onCancel}
    >
      <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择回访结果' }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={optionsOf(SATISFACTION, ['satisfied', 'basically_satisfied', 'unsatisfied'])}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="method" label="回访方式" rules={[{ required: true, message: '请选择回访方式' }]}>
            <Radio.Group optionType="button" options={optionsOf(CALLBACK_METHOD, ['phone', 'visit', 'sms', 'other'])} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="date" label="回访日期" rules={[{ required: true, message: '请选择回访日期' }]}>
            <DatePicker
              style={{ width: '100%' }}
              allowClear={false}
              disabledDate={pastDateOnly(issue.resolvedDate ?? issue.acceptedDate)}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="comment"
        label="回访意见"
        dependencies={['satisfaction']}
        rules={[
          ({ getFieldValue }) => ({
            required: getFieldValue('satisfaction') === 'unsatisfied',
            whitespace: true,
            message: '回访不满意时请填写不满意的原因',
          }),
        ]}
      >
        <SubmitTextArea maxLength={1000} placeholder="来访人的意见；不满意时必填" />
      </Form.Item>
    </ActionForm>
  )
}
