// Where the command line may take the recovery passphrase from, and the one place it may not: what
// `ledger --help` prints and checks before any command (and its database driver) is loaded.

export const PASSPHRASE_ENV = 'LEDGER_PASSPHRASE'

export const PASSPHRASE_HELP = `恢复口令（加密的台账和备份需要）：在提示时输入，或 --passphrase-file 文件（读取第一行），
                                              或环境变量 ${PASSPHRASE_ENV}；不接受写在命令行参数中（进程列表中人人可见）`

/** Refuses a passphrase given as an argument before anything else is read. */
export function refusePassphraseArgument(args: readonly string[], fail: (message: string) => Error): void {
  const bad = args.find(
    (a) => a === '--passphrase' || a.startsWith('--passphrase=') || a === '-p' || a === '--password' || a.startsWith('--password='),
  )
  if (bad !== undefined) {
    throw fail(
      `恢复口令不能写在命令行参数中（${bad.split('=')[0]}）：其他用户可在进程列表中看到它。请在提示时输入，或用 --passphrase-file 文件，或环境变量 ${PASSPHRASE_ENV}`,
    )
  }
}
