import type { Kysely, Migration } from 'kysely'
import { sql } from 'kysely'

// The crash drill's stand-in for a big upgrade: it writes a lot, in steps, printing `step <n>`
// after each, so a kill from the parent lands inside the migration's transaction.

export const SLOW_STEPS = 10
export const SLOW_ROWS_PER_STEP = 2000

/** A migration that takes a while and writes a lot before it is done, so a kill lands inside it. */
export const slowMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create table drill_big (id integer primary key, step integer not null, pad text not null)`.execute(db)
    for (let step = 1; step <= SLOW_STEPS; step++) {
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${SLOW_ROWS_PER_STEP})
        insert into drill_big (step, pad) select ${step}, hex(randomblob(48)) from n`.execute(db)
      process.stdout.write(`step ${step}\n`)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    await sql`alter table visits add column drill_flag integer`.execute(db)
    await sql`update visits set drill_flag = 1`.execute(db)
  },
}
