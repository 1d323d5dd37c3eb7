/** A report's figures as label and value rows (查处情况, 信访事项): one look for every section. */
export function FigureRows({ rows }: { rows: readonly (readonly [string, string])[] }) {
  return (
    <table className="data">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th style={{ width: '40%', textAlign: 'left' }}>{label}</th>
            <td className="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
