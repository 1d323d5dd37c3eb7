// Excel and CSV exports of the ledger. Plain Node: the CLI, the handlers and the tests
// call these directly; the app's main process only supplies the destination path.
export {
  exportMonthXlsx,
  exportPeriodXlsx,
  exportYearXlsx,
  type MonthExportOptions,
  type PeriodExportOptions,
  type YearExportOptions,
} from './xlsx'
export { exportIssuesCsv, neutralizeFormula, type CsvExportOptions } from './csv'
export { FIGURES } from './summary-sheet'
export { exportAuditCsv } from './audit-csv'
