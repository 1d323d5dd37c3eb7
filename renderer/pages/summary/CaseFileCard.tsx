import { Card, Col, Row, Statistic, Table } from 'antd'
import type { CaseFileFigures, LocalityFigure } from '../../../electron/contract/types'
import { yuan } from '../issues/case-file/measureText'

const rate = (v: number | null) => (v === null ? '—' : `${v}%`)

/** 统计's case-file row: what checking found and what was done, and the month by 属地. */
export function CaseFileCard({ c }: { c: CaseFileFigures }) {
  return (
    <Row gutter={12} style={{ marginBottom: 12 }}>
      <Col span={14}>
        <Card size="small" title="查处情况">
          <Row gutter={16}>
            {(
              [
                ['属实率', rate(c.verifiedRate)],
                ['立案数（件）', c.penaltyCases],
                ['罚款金额', yuan(c.fineYuan)],
                ['责令整改', c.rectifyOrders],
                ['重复件', c.repeats],
                [`集体访（批）`, c.collectiveVisits],
              ] as const
            ).map(([title, value]) => (
              <Col key={title} span={4}>
                <Statistic title={title} value={value} styles={{ content: { fontSize: 20 } }} />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col span={10}>
        <Card size="small" title="按属地">
          <Table<LocalityFigure>
            size="small"
            rowKey={(r) => r.localityId ?? 0}
            pagination={false}
            scroll={{ y: 96 }}
            dataSource={c.byLocality}
            locale={{ emptyText: '无' }}
            columns={[
              { title: '属地', dataIndex: 'localityName' },
              { title: '受理', dataIndex: 'issuesAccepted', width: 64 },
              { title: '办结', dataIndex: 'issuesResolved', width: 64 },
              { title: '属实', dataIndex: 'verified', width: 64 },
            ]}
          />
        </Card>
      </Col>
    </Row>
  )
}
