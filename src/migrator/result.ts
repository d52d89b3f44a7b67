import type {DatabaseTarget} from '../db/target.js'
import type {Chain} from './chain.js'
import type {MigrationResult} from './types.js'

export function result(
  action: MigrationResult['action'],
  target: DatabaseTarget,
  chain: Chain,
  from: number,
  to: number,
  applied: MigrationResult['applied'],
): MigrationResult {
  return {action, database: target.displayUrl, dialect: target.dialect, dryRun: false, from: chain.idAt(from), to: chain.idAt(to), applied}
}
