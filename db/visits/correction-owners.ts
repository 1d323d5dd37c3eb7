import { sql } from 'kysely'
import type { Executor } from '../core/context'
import type { CorrectionEntity } from '../../shared/types'

// Whose corrections a screen shows: a visit shows its own with those of its matters and of their
// issues (the 更正 form changes all three), an issue its own with its matter's (the wording it
// was registered with). The list's counts, the visit's history and the issue's timeline all read
// the rows through this one join, so they never disagree on which corrections are a record's.

export type CorrectionOwner = { visitIds: readonly number[] } | { issueId: number }

/** Each record whose corrections the owner shows, with the owner's id: visits' or an issue's. */
function ownedRecords(db: Executor, owner: CorrectionOwner) {
  const entity = (e: CorrectionEntity) => sql.lit(e).$castTo<CorrectionEntity>().as('entity')
  if ('issueId' in owner) {
    return db
      .selectFrom('issues as i')
      .select([entity('issue'), 'i.id as entity_id', 'i.id as owner_id'])
      .where('i.id', '=', owner.issueId)
      .unionAll(
        db
          .selectFrom('issues as i')
          .select([entity('matter'), 'i.matter_id as entity_id', 'i.id as owner_id'])
          .where('i.id', '=', owner.issueId),
      )
  }
  const ids = [...owner.visitIds]
  return db
    .selectFrom('visits as v')
    .select([entity('visit'), 'v.id as entity_id', 'v.id as owner_id'])
    .where('v.id', 'in', ids)
    .unionAll(
      db
        .selectFrom('matters as m')
        .select([entity('matter'), 'm.id as entity_id', 'm.visit_id as owner_id'])
        .where('m.visit_id', 'in', ids),
    )
    .unionAll(
      db
        .selectFrom('issues as i')
        .innerJoin('matters as m', 'm.id', 'i.matter_id')
        .select([entity('issue'), 'i.id as entity_id', 'm.visit_id as owner_id'])
        .where('m.visit_id', 'in', ids),
    )
}

/** The owner's corrections (`c`), each with `owned.owner_id`: the visit or issue it is shown under. */
export function correctionsOf(db: Executor, owner: CorrectionOwner) {
  return db
    .selectFrom('corrections as c')
    .innerJoin(ownedRecords(db, owner).as('owned'), (j) =>
      j.onRef('owned.entity', '=', 'c.entity').onRef('owned.entity_id', '=', 'c.entity_id'),
    )
}
