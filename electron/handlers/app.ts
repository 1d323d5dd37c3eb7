import { sql } from 'kysely'
import { assertSignedIn, assertSupervisor } from '../../db/core/access'
import { audit } from '../../db/core/audit'
import { write } from '../../db/core/context'
import { LedgerError } from '../../db/core/errors'
import { ledgerVersion } from '../../db/core/open'
import { describeServer, openServerLedger } from '../../db/core/open-server'
import type { LedgerChoiceView } from '../contract'
import { ledgerContext } from './ledger-context'
import {
  choiceView,
  describeChoice,
  readLedgerChoice,
  savedPassword,
  serverConfigOf,
  writeLedgerChoice,
  type ServerFields,
} from './ledger-choice'
import { operatorOf } from './staff'
import type { AppState, Handlers } from './types'

function choiceOf(state: AppState): NonNullable<AppState['ledgerChoice']> {
  if (!state.ledgerChoice) throw new LedgerError('unavailable', '当前环境不能更改台账位置，请在桌面程序的 设置 → 台账 中更改')
  return state.ledgerChoice
}

function viewOf(state: AppState): LedgerChoiceView {
  const choice = choiceOf(state)
  const { ledger } = state
  return {
    saved: choiceView(readLedgerChoice(choice.file)),
    running: { engine: ledger.engine, place: ledger.engine === 'sqlite' ? ledger.file : ledger.database },
    overridden: choice.overridden,
    canSealPassword: choice.sealer !== null,
  }
}

/** The password a test uses: the one typed, else the one saved for the same server, database and user. */
function passwordFor(state: AppState, fields: ServerFields, typed: string | undefined): string | null {
  if (typed !== undefined) return typed === '' ? null : typed
  const { file, sealer } = choiceOf(state)
  const saved = readLedgerChoice(file)
  const same = saved.kind === 'server' && saved.host === fields.host && saved.port === fields.port
  return same && saved.database === fields.database && saved.user === fields.user ? savedPassword(saved, sealer) : null
}

export const appHandlers = {
  'app-info': async (state) => {
    const { ledger } = state
    const schemaVersion =
      ledger.engine === 'sqlite'
        ? ledgerVersion(ledger.sqlite)
        : ((await sql<{ name: string }>`select name from ledger_migration order by name desc limit 1`.execute(ledger.db)).rows[0]?.name ??
          '')
    return {
      version: state.appVersion,
      engine: ledger.engine,
      ledgerFile: ledger.engine === 'sqlite' ? ledger.file : ledger.database,
      schemaVersion,
      operator: operatorOf(state.operator),
    }
  },
  'ledger-choice-get': async (state) => viewOf(state),
  'ledger-choice-test': async (state, input) => {
    // Someone on duty, not an unattended window: the test reaches out to an address typed here.
    await assertSignedIn(ledgerContext(state), '测试台账服务器连接')
    const { password, ...fields } = input
    const config = serverConfigOf(fields, passwordFor(state, fields, password))
    // As a desk opens it at start: the desk role's checks, nothing built or upgraded, nothing written.
    const server = await openServerLedger(config, { maxConnections: 1 })
    await server.close()
    return { message: `连接成功：台账服务器 ${describeServer(config)} 上的台账可由本机打开。` }
  },
  'ledger-choice-save': async (state, input) => {
    const { file, sealer } = choiceOf(state)
    const ctx = ledgerContext(state)
    await assertSupervisor(ctx, '更改本机所用的台账')
    const before = readLedgerChoice(file)
    await write(ctx, async (trx) => {
      await audit(trx, ctx, 'choose_ledger', 'ledger', null, { before: describeChoice(before), after: describeChoice(input) })
      // Inside the transaction: should the file not be written, the audit row goes too.
      writeLedgerChoice(file, input, sealer)
    })
    return viewOf(state)
  },
} satisfies Partial<Handlers>
