import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: 'aa84ac237ce8',
  downRevision: '4a1a0e4f89de',
  message: 'Removes unique constraint from artifact table key column',
  transaction: true,
  async up(context) {
    await sql(context, 'DROP INDEX ix_artifact__key', 'CREATE INDEX ix_artifact__key ON artifact (key)')
  },
  async down(context) {
    await sql(context, 'DROP INDEX ix_artifact__key', 'CREATE UNIQUE INDEX ix_artifact__key ON artifact (key)')
  },
}

export default revision
