import { FigureRows } from './FigureRows'
import type { PetitionFigures } from '../../../electron/contract/types'
import { petitionFigureRows, referralRows } from '../summary/petitionFigures'

/** 信访事项和转办件 in a report: the period's statutory figures and 转办件 by 来源. */
export function PetitionReportSection({ heading, figures }: { heading: string; figures: PetitionFigures }) {
  return (
    <>
      <h2>{heading}</h2>
      <FigureRows rows={petitionFigureRows(figures)} />
      {figures.referrals.length > 0 && (
        <table className="data" style={{ marginTop: 6 }}>
          <thead>
            <tr>
              <th>转办件来源</th>
              <th>件数</th>
              <th>已回复</th>
              <th>按期回复</th>
              <th>按期回复率</th>
            </tr>
          </thead>
          <tbody>
            {referralRows(figures).map(([name, count, replied, onTime, rate]) => (
              <tr key={name}>
                <td>{name}</td>
                <td className="num">{count}</td>
                <td className="num">{replied}</td>
                <td className="num">{onTime}</td>
                <td className="num">{rate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
