import { Card, Col, Descriptions, Row, Table } from 'antd'
import type { PetitionFigures } from '../../../electron/contract/types'
import { petitionFigureRows, referralRows } from './petitionFigures'

/** 统计's 信访 and 转办件 card: the month's figures and 转办件 by 来源 with 按期回复率. */
export function PetitionFiguresCard({ figures }: { figures: PetitionFigures }) {
  return (
    <Card size="small" title="信访事项和转办件" style={{ marginTop: 12 }}>
      <Row gutter={12}>
        <Col span={14}>
          <Descriptions
            size="small"
            bordered
            column={2}
            items={petitionFigureRows(figures).map(([label, value]) => ({ key: label, label, children: value }))}
          />
        </Col>
        <Col span={10}>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r[0]}
            dataSource={referralRows(figures)}
            locale={{ emptyText: '无转办件' }}
            aria-label="转办件按来源"
            columns={[
              { title: '来源', render: (_, r) => r[0] },
              { title: '件数', width: 56, render: (_, r) => r[1] },
              { title: '已回复', width: 64, render: (_, r) => r[2] },
              { title: '按期', width: 56, render: (_, r) => r[3] },
              { title: '按期回复率', width: 92, render: (_, r) => r[4] },
            ]}
          />
        </Col>
      </Row>
    </Card>
  )
}
