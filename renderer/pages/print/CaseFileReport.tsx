import { FigureRows } from './FigureRows'
import type { CaseFileFigures, Period } from '../../../electron/contract/types'
import { caseFileRows } from '../summary/caseFileFigures'

/** The report's 查处情况: what checking found, what was done, and the period by 属地. */
export function CaseFileReport({ c, period, heading }: { c: CaseFileFigures; period: Period; heading: string }) {
  return (
    <>
      <h2>{heading}、查处情况</h2>
      <FigureRows rows={caseFileRows(c)} />
      {c.byLocality.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th>属地</th>
              <th>受理（个）</th>
              <th>已办结（个）</th>
              <th>属实（个）</th>
            </tr>
          </thead>
          <tbody>
            {c.byLocality.map((l) => (
              <tr key={l.localityId ?? 0}>
                <td>{l.localityName}</td>
                <td className="num">{l.issuesAccepted}</td>
                <td className="num">{l.issuesResolved}</td>
                <td className="num">{l.verified}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="note">
        属实率 =（属实 + 部分属实）÷ {period.current}
        受理、已办结并记录查实情况的问题；立案数、罚款金额按最近一次办结的处理措施计；超期后延期的问题按超期计。
      </p>
    </>
  )
}
