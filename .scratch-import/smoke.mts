import path from 'node:path'
import { openTempLedger, seedFixture } from '/work/main/test/support/temp-ledger'
import { writeMessyXlsx } from '/work/main/test/support/import-fixtures'
import { inspectImportFile, dryRunImport, formatImportReport } from '/work/main/db/import'
const t = await openTempLedger('2023-05-10 09:00:00')
await seedFixture(t)
const file = await writeMessyXlsx(path.join(t.dir, 'messy.xlsx'))
const ins = await inspectImportFile(file)
console.log(JSON.stringify(ins.sheets.map(s => ({...s, samples: s.samples.slice(0,2)})), null, 1).slice(0, 4000))
console.log(ins.defaultSheet)
const sheet = ins.sheets.find(s => s.name === ins.defaultSheet)!
const rep = await dryRunImport(t.ctx, { file, mapping: sheet.mapping })
console.log(formatImportReport(rep, 'dry-run'))
await t.close()
