import { describe, expect, it } from 'vitest'
import { cpuText, deskRunRow, figuresTable, ms, refusedText, registrationTable } from '../../bench/server-table'

// The server benchmark's arithmetic (bench/server-table.ts): several desks' samples pooled into
// one row, and the Markdown tables the README quotes. Pure: no ledger, no timing taken here.

describe("the server benchmark's rows", () => {
  it("pools every desk's samples into one p50 and p99", () => {
    // 100 samples, 1…100 ms, dealt to four desks: the p50 is the 50th, the p99 the 99th.
    const desks = [0, 1, 2, 3].map((d) => Array.from({ length: 25 }, (_, i) => 4 * i + d + 1))
    const row = deskRunRow('PostgreSQL', desks, 10_000, 1.5)
    expect(row.registration).toEqual({ n: 100, p50: 50, p99: 99 })
    expect(row.desks).toBe(4)
    expect(row.each).toBe(25)
  })

  it("counts throughput as every desk's registrations over the run's wall time", () => {
    const row = deskRunRow('SQLite file', [Array<number>(200).fill(3), Array<number>(200).fill(4)], 2_000, 0)
    expect(row.perSecond).toBe(200)
  })

  it('marks a run whose p99 is over 50 ms as missing the goal, and one at 50 ms as meeting it', () => {
    const over = deskRunRow('PostgreSQL', [[10, 20, 51]], 100, 2)
    const at = deskRunRow('PostgreSQL', [[10, 20, 50]], 100, 2)
    const table = registrationTable([over, at])
    const lines = table.split('\n')
    expect(lines[2]).toBe('| PostgreSQL | 1 × 3 | 20.00 / 51.00 | — | 30 | — | 0 | 0.1 | 2.00 | **no** |')
    expect(lines[3]).toBe('| PostgreSQL | 1 × 3 | 20.00 / 50.00 | — | 30 | — | 0 | 0.1 | 2.00 | yes |')
  })

  it('counts the saves a desk was refused, by code, and a run with any refused as missing the goal', () => {
    const row = deskRunRow('SQLite file', [[5, 6], [7]], 1_000, 9, ['SQLITE_BUSY'])
    expect(row.each).toBe(2)
    expect(refusedText(row.refused)).toBe('1 (SQLITE_BUSY × 1)')
    expect(registrationTable([row]).split('\n')[2]).toBe(
      '| SQLite file | 2 × 2 | 6.00 / 7.00 | — | 3 | — | 1 (SQLITE_BUSY × 1) | 1.0 | 9.00 | **no** |',
    )
  })

  it('names a run of desks saving at the same moment by its waves, with no throughput (its pauses are in the wall time)', () => {
    const row = {
      ...deskRunRow(
        'PostgreSQL',
        [
          [30, 40],
          [35, 45],
        ],
        5_000,
        3,
      ),
      together: true,
    }
    expect(registrationTable([row]).split('\n')[2]).toBe(
      '| PostgreSQL | 2 at once × 2 times | 35.00 / 45.00 | — | — | — | 0 | 5.0 | 3.00 | yes |',
    )
  })

  it("divides the machine's busy CPU time over the run by the registrations saved", () => {
    const row = deskRunRow(
      'PostgreSQL',
      [
        [10, 20],
        [30, 40],
      ],
      1_000,
      1,
      ['server_busy'],
      480,
    )
    expect(row.cpuMs).toBe(120)
    expect(registrationTable([row]).split('\n')[2]).toContain('| 4 | 120.0 | 1 (server_busy × 1) |')
  })

  it("splits the CPU per registration into the desks' processes and their server backends", () => {
    const row = deskRunRow(
      'PostgreSQL',
      [
        [10, 20],
        [30, 40],
      ],
      1_000,
      1,
      [],
      600,
      [
        { desk: 200, server: 240 },
        { desk: 120, server: 160 },
      ],
    )
    expect([row.cpuMs, row.deskCpuMs, row.serverCpuMs]).toEqual([150, 80, 100])
    expect(registrationTable([row]).split('\n')[2]).toContain('| 150.0 (desk 80.00, server 100.0) |')
  })

  it('leaves the server share out when a desk could not read its backend (the file, or not Linux)', () => {
    const row = deskRunRow('SQLite file', [[10], [20]], 1_000, 1, [], 40, [
      { desk: 12, server: null },
      { desk: 8, server: null },
    ])
    expect(row.serverCpuMs).toBeNull()
    expect(cpuText(row)).toBe('20.00 (desk 10.00)')
  })

  it('takes out of each registration the time its desk and backend waited for a core, pooled in the same order', () => {
    const row = deskRunRow(
      'PostgreSQL',
      [
        [30, 40],
        [50, 100],
      ],
      1_000,
      1,
      [],
      null,
      [],
      [
        [10, 0],
        [5, 70],
      ],
    )
    // 20, 40, 45, 30: the save that waited 70 ms of its 100 goes from the slowest to the second fastest.
    expect(row.withoutCpuWaits).toEqual({ n: 4, p50: 30, p99: 45 })
    expect(registrationTable([row]).split('\n')[2]).toContain('| 40.00 / 100.0 | 30.00 / 45.00 |')
  })

  it('leaves the waits out of a row where any of them could not be read', () => {
    const row = deskRunRow('SQLite file', [[10, 20]], 1_000, 1, [], null, [], [[3, null]])
    expect(row.withoutCpuWaits).toBeNull()
    expect(registrationTable([row]).split('\n')[2]).toContain('| 10.00 / 20.00 | — |')
  })

  it("prints the figures with the server's p50 as a multiple of the file's", () => {
    const table = figuresTable([{ name: 'yearly, 2025', sqlite: { n: 10, p50: 50, p99: 60 }, pg: { n: 10, p50: 125, p99: 1500 } }])
    expect(table.split('\n')[2]).toBe('| yearly, 2025 | — | 50.00 / 60.00 | 125.0 / 1,500 | ×2.50 |')
  })

  it('writes milliseconds with three significant figures, thousands with a separator', () => {
    expect([ms(1.234), ms(12.346), ms(123.46), ms(2556.2), ms(Number.NaN)]).toEqual(['1.23', '12.35', '123.5', '2,556', '—'])
  })
})
