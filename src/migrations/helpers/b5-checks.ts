import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {selectRows} from './prefect-sql.js'

/**
 * Stop a revision before it changes anything when rows stand in its way: `countQuery` selects
 * one row with a column `n`; a count above zero fails with `message` (the count is added).
 */
export async function refuseIfRows(context: MigrationContext, countQuery: string, message: string, hint?: string): Promise<void> {
  const [row] = await selectRows<{n: number | string}>(context, countQuery)
  const n = Number(row?.n ?? 0)
  if (n > 0) throw new MigrationError(`${message} (${n} row${n === 1 ? '' : 's'}).`, hint)
}
