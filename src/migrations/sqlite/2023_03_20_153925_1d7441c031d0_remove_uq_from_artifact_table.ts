import {sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

const revision: Revision = {
  revision: '1d7441c031d0',
  downRevision: 'cf1159bd0d3c',
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
