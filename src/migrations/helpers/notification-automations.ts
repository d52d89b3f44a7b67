import {randomUUID} from 'node:crypto'

import {MigrationError} from '../../errors.js'
import type {MigrationContext} from '../types.js'
import {selectRows} from './prefect-sql.js'
import {pyJsonDumps, pyStr, toPyJson} from './python-json.js'

/*
 * Turning flow run notification policies into automations (SQLite 7655f31c5157, PostgreSQL
 * 4160a4841eed). Each policy becomes one automation that sends the policy's notification block a
 * message when a flow run enters one of the policy's states (any state if it names none), limited
 * to runs with one of its tags (if it has any); the policy row is then deleted.
 *
 * The automation's trigger and actions are stored as the text Python's json.dumps writes (its
 * separators and ASCII escapes), which is what SQLite keeps verbatim; PostgreSQL parses it into
 * JSONB. Two values cannot be Prefect's own: the trigger's id is a fresh random UUID (uuid4 in
 * Prefect too), and `expect` keeps the states in the policy's order, where Prefect lists them in
 * the iteration order of a Python set, which changes from process to process.
 */

/** The message Prefect gives policies without a template (Jinja, left as it is). */
export const DEFAULT_NOTIFICATION_BODY =
  '\nFlow run {{ flow.name }}/{{ flow_run.name }} observed in state `{{ flow_run.state.name }}` at {{ flow_run.state.timestamp }}.\n' +
  'Flow ID: {{ flow_run.flow_id }}\n' +
  'Flow run ID: {{ flow_run.id }}\n' +
  'Flow run URL: {{ flow_run|ui_url }}\n' +
  'State message: {{ flow_run.state.message }}\n'

/** What each of the old templates' placeholders becomes in the automation's Jinja message. */
export const NOTIFICATION_PLACEHOLDERS: Readonly<Record<string, string>> = {
  flow_run_notification_policy_id: 'Event ID {{ event.id }}',
  flow_id: '{{ flow.id }}',
  flow_name: '{{ flow.name }}',
  flow_run_url: '{{ flow_run|ui_url }}',
  flow_run_id: '{{ flow_run.id }}',
  flow_run_name: '{{ flow_run.name }}',
  flow_run_parameters: '{{ flow_run.parameters }}',
  flow_run_state_type: '{{ flow_run.state.type }}',
  flow_run_state_name: '{{ flow_run.state.name }}',
  flow_run_state_timestamp: '{{ flow_run.state.timestamp }}',
  flow_run_state_message: '{{ flow_run.state.message }}',
}

type Json = null | boolean | number | string | Json[] | {[key: string]: Json}

/**
 * Python's str() of a state name or tag, as an f-string would print it. Only what JSON.parse gives
 * for a string, null, a boolean or an integer is taken (an integer written 1.0 prints as 1); any
 * other value stops the migration, as it always has.
 */
function pythonStr(value: unknown): string {
  if (typeof value === 'string' || value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value))) {
    return pyStr(toPyJson(value))
  }

  throw new MigrationError(`Cannot turn ${JSON.stringify(value)} into text as Python would.`)
}

/**
 * Python's `template.format(**values)` for string values: `{{`/`}}`, `{name}`, `{name!s|r|a}` and
 * string format specs (`{name:>20}`, `{name:.5}`). Whatever Python would refuse (an unknown name,
 * a positional field, a lone brace) fails here too, with Python's reason.
 */
export function pythonFormat(template: string, values: Readonly<Record<string, string>>): string {
  let out = ''
  let i = 0
  while (i < template.length) {
    const char = template[i]!
    if (char === '{' && template[i + 1] === '{') {
      out += '{'
      i += 2
    } else if (char === '}' && template[i + 1] === '}') {
      out += '}'
      i += 2
    } else if (char === '}') {
      throw new Error("Single '}' encountered in format string")
    } else if (char === '{') {
      let depth = 1
      let j = i + 1
      for (; j < template.length; j++) {
        if (template[j] === '{') depth++
        else if (template[j] === '}' && --depth === 0) break
      }

      if (j >= template.length) throw new Error("expected '}' before end of string")
      out += formatField(template.slice(i + 1, j), values)
      i = j + 1
    } else {
      out += char
      i++
    }
  }

  return out
}

function formatField(field: string, values: Readonly<Record<string, string>>): string {
  const match = /^([^!:]*)(?:!(.?))?(?::(.*))?$/s.exec(field)
  if (!match) throw new Error(`expected ':' after conversion specifier in {${field}}`)
  const [, name = '', conversion, spec = ''] = match
  if (name === '' || /^\d+$/.test(name)) throw new Error(`Replacement index ${name || 0} out of range for positional args tuple`)
  if (/[.[]/.test(name)) throw new Error(`field {${name}} uses attribute or item access, which is not supported here`)
  const value = values[name]
  if (value === undefined) throw new Error(`KeyError: '${name}'`)
  let text: string
  if (conversion === undefined || conversion === 's') text = value
  else if (conversion === 'r' || conversion === 'a') text = `'${value}'`
  else throw new Error(`Unknown conversion specifier ${conversion || '(none)'}`)
  return applyStringSpec(text, spec)
}

function applyStringSpec(text: string, spec: string): string {
  if (spec === '') return text
  if (spec.includes('{')) throw new Error(`nested format fields ({${spec}}) are not supported here`)
  const parts = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([_,])?(?:\.(\d+))?(s)?$/s.exec(spec)
  if (!parts) throw new Error(`Invalid format specifier '${spec}' for object of type 'str'`)
  const [, fillChar, align, sign, , alternate, zero, width, grouping, precision] = parts
  if (sign) throw new Error('Sign not allowed in string format specifier')
  if (alternate) throw new Error('Alternate form (#) not allowed in string format specifier')
  if (grouping) throw new Error("Cannot specify ',' with 's'.")
  if (align === '=') throw new Error("'=' alignment not allowed in string format specifier")
  const chars = [...text]
  const kept = precision === undefined ? chars : chars.slice(0, Number(precision))
  const padding = Math.max(0, Number(width ?? 0) - kept.length)
  const fill = fillChar ?? (zero && !align ? '0' : ' ')
  const body = kept.join('')
  if (align === '>') return fill.repeat(padding) + body
  if (align === '^') return fill.repeat(Math.floor(padding / 2)) + body + fill.repeat(padding - Math.floor(padding / 2))
  return body + fill.repeat(padding)
}

export interface NotificationPolicy {
  id: string
  is_active: unknown
  state_names: unknown
  tags: unknown
  message_template: string | null
  block_document_id: string
}

/** The automation that replaces a policy: its columns as they are inserted. */
export function automationFromPolicy(policy: NotificationPolicy): {
  name: string
  description: string
  enabled: unknown
  trigger: string
  actions: string
} {
  const stateNames = jsonList(policy.state_names, 'state_names', policy.id)
  const tags = jsonList(policy.tags, 'tags', policy.id)
  const trigger: Json = {
    id: randomUUID(),
    type: 'event',
    after: [],
    match: {'prefect.resource.id': 'prefect.flow-run.*'},
    expect: stateNames.length > 0 ? [...new Set(stateNames.map((state) => `prefect.flow-run.${pythonStr(state)}`))] : ['prefect.flow-run.*'],
    within: 10,
    posture: 'Reactive',
    for_each: ['prefect.resource.id'],
    threshold: 1,
    match_related:
      tags.length > 0 ? {'prefect.resource.id': tags.map((tag) => `prefect.tag.${pythonStr(tag)}`), 'prefect.resource.role': 'tag'} : {},
  }
  let body = DEFAULT_NOTIFICATION_BODY
  if (policy.message_template) {
    try {
      body = pythonFormat(policy.message_template, NOTIFICATION_PLACEHOLDERS)
    } catch (error) {
      throw new MigrationError(
        `The message template of flow run notification policy ${policy.id} cannot be converted: ${(error as Error).message}.`,
        'Prefect fails on it too: fix or clear that template (flow_run_notification_policy.message_template), then run again.',
      )
    }
  }

  const actions: Json = [
    {body, type: 'send-notification', subject: 'Prefect flow run notification', block_document_id: String(policy.block_document_id)},
  ]
  return {
    name: 'Flow Run State Change Notification',
    description: 'Migrated from a flow run notification policy',
    enabled: policy.is_active,
    trigger: pyJsonDumps(toPyJson(trigger)),
    actions: pyJsonDumps(toPyJson(actions)),
  }
}

/** A JSON list column's value: parsed JSONB on PostgreSQL, text on SQLite. */
function jsonList(value: unknown, column: string, id: string): unknown[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value
  if (parsed === null || parsed === undefined) return []
  if (!Array.isArray(parsed)) throw new MigrationError(`flow_run_notification_policy ${id}: ${column} is not a JSON list.`)
  return parsed
}

const BATCH = 100

/**
 * Move every policy into an automation, a batch at a time: each batch's automations are inserted
 * and its policies deleted in one transaction, so a run stopped anywhere can simply be repeated
 * (the revision runs outside a transaction, as Prefect's does). Nothing is done once the policy
 * table is gone.
 */
export async function migrateNotificationPolicies(context: MigrationContext): Promise<number> {
  const exists =
    context.dialect === 'sqlite'
      ? await selectRows(context, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flow_run_notification_policy'")
      : await selectRows(context, "SELECT 1 WHERE to_regclass('flow_run_notification_policy') IS NOT NULL")
  if (exists.length === 0) return 0
  let moved = 0
  for (;;) {
    const count = await context.knex.transaction(async (trx) => {
      const policies = await selectRows<NotificationPolicy>(
        {knex: trx, dialect: context.dialect},
        `SELECT id, is_active, state_names, tags, message_template, block_document_id
         FROM flow_run_notification_policy ORDER BY id LIMIT ${BATCH}`,
      )
      if (policies.length === 0) return 0
      await trx('automation').insert(policies.map(automationFromPolicy))
      await trx('flow_run_notification_policy')
        .whereIn(
          'id',
          policies.map((policy) => policy.id),
        )
        .delete()
      return policies.length
    })
    if (count === 0) return moved
    moved += count
  }
}
