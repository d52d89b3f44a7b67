import os from 'node:os'
import path from 'node:path'

import type {SettingDefinition} from './setting-types.js'

/**
 * Turning a setting's raw text (as written in the environment or a file) into its typed value.
 * A failure returns what was expected, for the caller to put in one ConfigError line.
 */
export type ParseResult = {ok: true; value: unknown} | {ok: false; expected: string}

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y'])
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n'])
const NONE = new Set(['', 'none', 'null'])

export function parseSettingValue(definition: SettingDefinition, raw: string, home: string): ParseResult {
  const text = raw.trim()
  if (definition.nullable && NONE.has(text.toLowerCase())) return {ok: true, value: null}
  switch (definition.type) {
    case 'bool': {
      if (TRUE.has(text.toLowerCase())) return {ok: true, value: true}
      if (FALSE.has(text.toLowerCase())) return {ok: true, value: false}
      return fail(definition.nullable ? 'true, false or None' : 'true or false')
    }

    case 'int': {
      if (!/^[+-]?\d+$/.test(text)) return fail(intExpectation(definition))
      const value = Number(text)
      if (definition.min !== undefined && value < definition.min) return fail(intExpectation(definition))
      if (definition.max !== undefined && value > definition.max) return fail(intExpectation(definition))
      return {ok: true, value}
    }

    case 'float': {
      const value = text === '' ? Number.NaN : Number(text)
      if (!Number.isFinite(value) || (definition.positive && value <= 0)) {
        return fail(definition.positive ? 'a number greater than 0' : 'a number')
      }

      return {ok: true, value}
    }

    case 'enum':
      return definition.choices?.includes(text)
        ? {ok: true, value: text}
        : fail(`one of ${definition.choices?.map((choice) => `'${choice}'`).join(', ')}`)
    case 'url':
      return /^https?:\/\/[^\s/]+/i.test(text) ? {ok: true, value: text} : fail('an http:// or https:// URL')
    case 'path':
      return text === '' ? fail('a path') : {ok: true, value: expandPath(text, home)}
    case 'duration':
      return parseDuration(definition, text)
    case 'set':
      return parseSet(definition, text)
    case 'json':
      return parseJsonObject(text)
    default:
      return {ok: true, value: raw}
  }
}

function fail(expected: string): ParseResult {
  return {ok: false, expected}
}

function intExpectation(definition: SettingDefinition): string {
  if (definition.min !== undefined && definition.max !== undefined) return `an integer from ${definition.min} to ${definition.max}`
  return definition.min === undefined ? 'an integer' : `an integer of at least ${definition.min}`
}

/** `~` and `$PREFECT_HOME` / `${PREFECT_HOME}` expanded, made absolute. */
export function expandPath(text: string, home: string): string {
  const expanded = text
    .replace(/^~(?=$|[/\\])/, os.homedir())
    .replaceAll('${PREFECT_HOME}', home)
    .replaceAll(/\$PREFECT_HOME(?![A-Za-z0-9_])/g, home)
  return path.resolve(expanded)
}

const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i

/** Seconds, or an ISO 8601 duration such as P90D or PT12H (what pydantic accepts for timedelta). */
export function durationSeconds(text: string): number | null {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text)
  const match = ISO_DURATION.exec(text)
  if (!match || text.toUpperCase() === 'P' || text.toUpperCase().endsWith('T')) return null
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0))
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds
}

function parseDuration(definition: SettingDefinition, text: string): ParseResult {
  const seconds = durationSeconds(text)
  const minimum = definition.min ?? 0
  if (seconds === null || seconds < minimum) {
    return fail(`a duration in seconds or ISO 8601 (e.g. P90D)${minimum > 0 ? ` of at least ${minimum} seconds` : ''}`)
  }

  return {ok: true, value: seconds}
}

function parseSet(definition: SettingDefinition, text: string): ParseResult {
  const choices = definition.choices ?? []
  // Prefect's legacy booleans for db_vacuum.enabled: true = every job, false = events only.
  if (TRUE.has(text.toLowerCase())) return {ok: true, value: [...choices]}
  if (FALSE.has(text.toLowerCase())) return {ok: true, value: [choices[0]]}
  let items: unknown
  try {
    items = text.startsWith('[') ? JSON.parse(text) : text.split(',').map((item) => item.trim()).filter(Boolean)
  } catch {
    items = null
  }

  const expected = `a list of: ${choices.join(', ')}`
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string' && choices.includes(item))) {
    return fail(expected)
  }

  return {ok: true, value: [...new Set(items as string[])].sort()}
}

function parseJsonObject(text: string): ParseResult {
  try {
    const value: unknown = JSON.parse(text)
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return {ok: true, value}
  } catch {
    // Fall through to the one error line.
  }

  return fail('a JSON object')
}
