import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row } from 'antd'
import type { Dayjs } from 'dayjs'
import type { ContractInput } from '../../../../electron/contract'
import type { IssueDetail } from '../../../../electron/contract/types'
import { finding, measureKind, type Finding, type MeasureKind } from '../../../../shared/codes/case-file'
import { isoDate } from '../actions/dates'

type MeasureInput = NonNullable<ContractInput<'issue-resolve'>['measures']>[number]

/** What the 办结 form holds of the case file. */
export interface FindingValues {
  finding?: Finding
  measures?: MeasureKind[]
  rectifyDeadline?: Dayjs
  fineYuan?: number
  referredTo?: string
  otherNote?: string
}

/** The form's checkboxes and their fields as the contract's 处理措施. */
export function toMeasures(v: FindingValues): MeasureInput[] {
  return (v.measures ?? []).map((kind): MeasureInput => {
    switch (kind) {
      case 'rectify':
        return { kind, rectifyDeadline: v.rectifyDeadline ? isoDate(v.rectifyDeadline) : '' }
      case 'penalty':
        return { kind, fineYuan: v.fineYuan ?? Number.NaN }
      case 'referral':
        return { kind, referredTo: v.referredTo ?? '' }
      case 'other':
        return { kind, note: v.otherNote ?? '' }
      case 'guidance':
        return { kind }
    }
  })
}

/**
 * 查实情况 and 处理措施 in the 办结 form. A complaint about an enterprise must say what checking
 * found; 属实 or 部分属实 needs at least one measure. Each measure shows the field it needs.
 */
export function FindingFields({ detail }: { detail: IssueDetail }) {
  const form = Form.useFormInstance()
  const chosen: unknown = Form.useWatch('measures', form)
  const found: unknown = Form.useWatch('finding', form)
  const has = (k: MeasureKind) => Array.isArray(chosen) && chosen.includes(k)
  const complaint = detail.caseFile.subject !== null
  const needsMeasure = found === 'verified' || found === 'partly_verified'
  return (
    <>
      <Form.Item
        name="finding"
        label="查实情况"
        rules={complaint ? [{ required: true, message: '本问题有被反映对象，请选择查实情况' }] : []}
        style={{ marginBottom: 8 }}
      >
        <Radio.Group options={finding.options()} optionType="button" />
      </Form.Item>
      <Form.Item
        name="measures"
        label="处理措施"
        rules={needsMeasure ? [{ required: true, type: 'array', min: 1, message: '属实或部分属实时请至少选择一项处理措施' }] : []}
        style={{ marginBottom: 8 }}
      >
        <Checkbox.Group options={measureKind.options()} />
      </Form.Item>
      <Row gutter={12}>
        {has('rectify') && (
          <Col span={8}>
            <Form.Item name="rectifyDeadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {has('penalty') && (
          <Col span={8}>
            <Form.Item name="fineYuan" label="罚款金额（元）" rules={[{ required: true, message: '请填写罚款金额，未罚款填 0' }]}>
              <InputNumber min={0} precision={2} step={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        )}
        {has('referral') && (
          <Col span={8}>
            <Form.Item name="referredTo" label="移送单位" rules={[{ required: true, whitespace: true, message: '请填写移送单位' }]}>
              <Input maxLength={100} placeholder="如：县公安局" />
            </Form.Item>
          </Col>
        )}
        {has('other') && (
          <Col span={24}>
            <Form.Item name="otherNote" label="其他处理措施" rules={[{ required: true, whitespace: true, message: '请填写其他处理措施' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </>
  )
}
