import { sql } from 'kysely'
import { ledgerVersion } from '../../db/core/open'
import { operatorOf } from './staff'
import type { Handlers } from './types'

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
} satisfies Partial<Handlers>
