import type {StepContext} from './context.js'
import {timestamp} from './sql.js'
import type {VacuumCutoffs} from './types.js'

/**
 * The service's vacuum_events_with_retention_overrides, then vacuum_old_events. Each batch takes
 * events through an occurred index and deletes their resources with them in one transaction, so
 * an event never loses part of its resources; resources past the cutoff whose event is already
 * gone (or newer) go in a last pass, as the service deletes resources by their own occurred.
 */
export async function vacuumEvents(ctx: StepContext, cutoffs: VacuumCutoffs): Promise<void> {
  for (const [type, cutoff] of Object.entries(cutoffs.eventTypes)) {
    await eventBatches(ctx, cutoff, type)
  }

  if (cutoffs.events) {
    await eventBatches(ctx, cutoffs.events)
    const cutoffDate = cutoffs.events
    for (;;) {
      const counts = await ctx.batch(async (trx) => {
        const cutoff = timestamp(trx, ctx.dialect, cutoffDate)
        const ids = trx('event_resources').select('id').where('occurred', '<', cutoff).limit(ctx.batchSize)
        const deleted = Number(await trx('event_resources').whereIn('id', ids).del())
        return deleted === 0 ? null : {event_resources: deleted}
      })
      if (counts === null) return
    }
  }
}

/** Events before the cutoff (of one type, or all), with their resources, batch by batch. */
async function eventBatches(ctx: StepContext, cutoffDate: Date, type?: string): Promise<void> {
  for (;;) {
    const counts = await ctx.batch(async (trx) => {
      const cutoff = timestamp(trx, ctx.dialect, cutoffDate)
      const query = trx('events').select('id').where('occurred', '<', cutoff).limit(ctx.batchSize)
      if (type !== undefined) query.where('event', type)
      const ids = ((await query) as Array<{id: string}>).map((row) => String(row.id))
      if (ids.length === 0) return null
      // vacuum_old_events deletes resources by their own occurred: the same condition here.
      const resources = trx('event_resources').whereIn('event_id', ids)
      if (type === undefined) resources.where('occurred', '<', cutoff)
      const eventResources = Number(await resources.del())
      return {event_resources: eventResources, events: Number(await trx('events').whereIn('id', ids).del())}
    })
    if (counts === null) return
  }
}
