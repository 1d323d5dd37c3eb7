import type { RecoverySheet } from '../../../electron/contract/types'

/**
 * 台账恢复口令单: one A4 page for the safe. The passphrase is printed only from the window that
 * has just set it; a sheet printed later has a line to write it on by hand.
 */
export function RecoverySheetView({ sheet, passphrase }: { sheet: RecoverySheet; passphrase: string | null }) {
  return (
    <section className="paper recovery-sheet">
      <h1>台账恢复口令单</h1>
      <p className="sentence">
        本单用于在另一台电脑上打开接待日台账或其任一备份。请负责人签字后放入保险柜，不要拍照、复印或与电脑、U 盘放在一起。
      </p>
      <table className="receipt">
        <tbody>
          <tr>
            <th>恢复口令</th>
            <td className="passphrase" data-testid="recovery-passphrase">
              {passphrase ?? ''}
            </td>
          </tr>
          <tr>
            <th>台账编号</th>
            <td>{sheet.ledgerId ?? '（无）'}</td>
          </tr>
          <tr>
            <th>密钥标识</th>
            <td>{sheet.keyCheck}</td>
          </tr>
          <tr>
            <th>口令设置时间</th>
            <td>{sheet.setAt}</td>
          </tr>
          <tr>
            <th>台账文件</th>
            <td>{sheet.ledgerFile}</td>
          </tr>
          <tr>
            <th>打印</th>
            <td>
              {sheet.printedAt}，{sheet.printedBy}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>什么时候要用</h2>
      <p className="sentence">
        换电脑、重装系统、换 Windows 账户，或在另一台电脑上从备份恢复时，程序会要求输入恢复口令。在原来的电脑上正常使用时不需要。
      </p>
      <h2>怎样用</h2>
      <ol className="sentence">
        <li>把备份文件（ledger-….sqlite）和同名的 .json 清单文件一起拷到新电脑。</li>
        <li>
          在新电脑上安装接待日台账，用“npm run ledger -- restore --db 台账文件 --from 备份文件”恢复，或打开程序按提示输入本单上的恢复口令。
        </li>
        <li>恢复后程序在新电脑上保管密钥，以后打开不再询问。</li>
      </ol>
      <h2>注意</h2>
      <p className="sentence">
        恢复口令丢失且原电脑不能使用时，台账和备份都无法打开，任何人（包括软件开发者）都无法找回。更改口令后，本单作废，请销毁；已拷到别处的旧备份仍只能用旧口令打开。
      </p>
      <div className="seal">
        <p>负责人签字：＿＿＿＿＿＿＿＿</p>
        <p>存放位置：＿＿＿＿＿＿＿＿</p>
      </div>
    </section>
  )
}
