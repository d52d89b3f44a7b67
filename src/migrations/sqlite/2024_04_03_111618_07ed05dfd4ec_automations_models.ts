import {SQLITE_NOW, SQLITE_UUID, sql} from '../helpers/prefect-sql.js'
import type {Revision} from '../types.js'

/** id, created, updated: the trailing columns of every table this revision creates. */
const BASE = `id CHAR(36) NOT NULL DEFAULT ${SQLITE_UUID},
        created DATETIME NOT NULL DEFAULT ${SQLITE_NOW},
        updated DATETIME NOT NULL DEFAULT ${SQLITE_NOW}`

const revision: Revision = {
  revision: '07ed05dfd4ec',
  downRevision: 'bacc60edce16',
  message: 'Automations models',
  transaction: true,
  async up(context) {
    await sql(
      context,
      `CREATE TABLE automation (
        name VARCHAR NOT NULL,
        description VARCHAR NOT NULL,
        enabled BOOLEAN NOT NULL DEFAULT '1',
        "trigger" JSON NOT NULL,
        actions JSON NOT NULL,
        actions_on_trigger JSON NOT NULL DEFAULT '[]',
        actions_on_resolve JSON NOT NULL DEFAULT '[]',
        ${BASE},
        CONSTRAINT pk_automation PRIMARY KEY (id)
      )`,
      'CREATE INDEX ix_automation__updated ON automation (updated)',
      `CREATE TABLE automation_bucket (
        automation_id CHAR(36) NOT NULL,
        trigger_id CHAR(36),
        bucketing_key JSON NOT NULL,
        last_event JSON,
        start DATETIME NOT NULL,
        "end" DATETIME NOT NULL,
        count INTEGER NOT NULL,
        last_operation VARCHAR,
        triggered_at DATETIME NOT NULL,
        ${BASE},
        CONSTRAINT pk_automation_bucket PRIMARY KEY (id),
        CONSTRAINT fk_automation_bucket__automation_id__automation FOREIGN KEY (automation_id)
          REFERENCES automation (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX ix_automation_bucket__automation_id__end ON automation_bucket (automation_id, "end")',
      'CREATE INDEX ix_automation_bucket__updated ON automation_bucket (updated)',
      'CREATE UNIQUE INDEX uq_automation_bucket__automation_id__bucketing_key ON automation_bucket (automation_id, bucketing_key)',
      `CREATE TABLE automation_related_resource (
        automation_id CHAR(36) NOT NULL,
        resource_id VARCHAR,
        automation_owned_by_resource BOOLEAN NOT NULL DEFAULT '0',
        ${BASE},
        CONSTRAINT pk_automation_related_resource PRIMARY KEY (id),
        CONSTRAINT fk_automation_related_resource__automation_id__automation FOREIGN KEY (automation_id)
          REFERENCES automation (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX ix_automation_related_resource__resource_id ON automation_related_resource (resource_id)',
      'CREATE INDEX ix_automation_related_resource__updated ON automation_related_resource (updated)',
      'CREATE UNIQUE INDEX uq_automation_related_resource__automation_id__resource_id ON automation_related_resource (automation_id, resource_id)',
      `CREATE TABLE composite_trigger_child_firing (
        automation_id CHAR(36) NOT NULL,
        parent_trigger_id CHAR(36) NOT NULL,
        child_trigger_id CHAR(36) NOT NULL,
        child_firing_id CHAR(36) NOT NULL,
        child_fired_at DATETIME,
        child_firing JSON NOT NULL,
        ${BASE},
        CONSTRAINT pk_composite_trigger_child_firing PRIMARY KEY (id),
        CONSTRAINT fk_composite_trigger_child_firing__automation_id__automation FOREIGN KEY (automation_id)
          REFERENCES automation (id) ON DELETE CASCADE
      )`,
      'CREATE INDEX ix_composite_trigger_child_firing__updated ON composite_trigger_child_firing (updated)',
      `CREATE UNIQUE INDEX uq_composite_trigger_child_firing__a_id__pt_id__ct__id
        ON composite_trigger_child_firing (automation_id, parent_trigger_id, child_trigger_id)`,
    )
  },
  async down(context) {
    await sql(
      context,
      'DROP INDEX uq_composite_trigger_child_firing__a_id__pt_id__ct__id',
      'DROP INDEX ix_composite_trigger_child_firing__updated',
      'DROP TABLE composite_trigger_child_firing',
      'DROP INDEX uq_automation_related_resource__automation_id__resource_id',
      'DROP INDEX ix_automation_related_resource__updated',
      'DROP INDEX ix_automation_related_resource__resource_id',
      'DROP TABLE automation_related_resource',
      'DROP INDEX uq_automation_bucket__automation_id__bucketing_key',
      'DROP INDEX ix_automation_bucket__updated',
      'DROP INDEX ix_automation_bucket__automation_id__end',
      'DROP TABLE automation_bucket',
      'DROP INDEX ix_automation__updated',
      'DROP TABLE automation',
    )
  },
}

export default revision
