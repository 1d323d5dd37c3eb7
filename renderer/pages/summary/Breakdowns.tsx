import { Card, Col, Row, Table } from 'antd'
import type { CategoryFigure, DepartmentFigure, PeriodSummary } from '../../../electron/contract/types'

/** The period by 问题类别 and by 股室 (来源 and 属地 join here once issues carry them). */
export function Breakdowns({ s }: { s: PeriodSummary }) {
  const resolvedInPeriod = `${s.period.current}办结`
  return (
    <Row gutter={12} style={{ marginBottom: 12 }}>
      <Col span={12}>
        <Card size="small" title="按问题类别">
          <Table<CategoryFigure>
            size="small"
            rowKey="categoryId"
            pagination={false}
            dataSource={s.byCategory}
            locale={{ emptyText: '无' }}
            aria-label="按问题类别统计"
            columns={[
              { title: '问题类别', dataIndex: 'categoryName' },
              { title: '咨询', dataIndex: 'consultations', align: 'right' },
              { title: '受理', dataIndex: 'issuesAccepted', align: 'right' },
              { title: '已办结', dataIndex: 'issuesResolved', align: 'right' },
              { title: resolvedInPeriod, dataIndex: 'issuesResolvedInPeriod', align: 'right' },
            ]}
          />
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title="按承办股室">
          <Table<DepartmentFigure>
            size="small"
            rowKey={(d) => String(d.departmentId)}
            pagination={false}
            dataSource={s.byDepartment}
            locale={{ emptyText: '无' }}
            aria-label="按承办股室统计"
            columns={[
              { title: '承办股室', dataIndex: 'departmentName' },
              { title: '受理', dataIndex: 'issuesAccepted', align: 'right' },
              { title: '已办结', dataIndex: 'issuesResolved', align: 'right' },
              { title: '办理中', dataIndex: 'issuesOpen', align: 'right' },
              { title: resolvedInPeriod, dataIndex: 'issuesResolvedInPeriod', align: 'right' },
              { title: '其中按期', dataIndex: 'issuesResolvedInPeriodOnTime', align: 'right' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  )
}
