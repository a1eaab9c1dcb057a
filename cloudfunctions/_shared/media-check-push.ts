import * as z from 'zod'
import type { Deps } from './ports'
import { recordPhotoVerdict, type PhotoVerdict } from './use-cases/photo-uploads'

/**
 * The message push WeChat sends when an asynchronous media check ends (`wxa_media_check`, JSON
 * mode, routed to this function in 云开发 → 设置 → 消息推送; docs/deploy.md): the trace id of the
 * check and, when `errcode` is 0, its suggestion.
 */
const mediaCheckPush = z.object({
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(128),
  errcode: z.number().optional(),
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']) }).optional(),
})

/** Whether an invocation's event is a WeChat message push rather than an action request. */
export function isMessagePush(event: unknown): boolean {
  const e = event as { MsgType?: unknown; action?: unknown } | null
  return typeof e?.MsgType === 'string' && e.action === undefined
}

/** The verdict a push carries; null for anything else, or a check WeChat could not finish. */
export function verdictOf(event: unknown): PhotoVerdict | null {
  const push = mediaCheckPush.safeParse(event)
  if (!push.success || (push.data.errcode ?? 0) !== 0 || !push.data.result) return null
  return { traceId: push.data.trace_id, suggest: push.data.result.suggest }
}

/**
 * Takes a message push: a media-check verdict is recorded for the photo it traces; any other push
 * (or a check WeChat could not finish, which leaves the photo withheld) is logged and dropped.
 * Answers `success`, as WeChat expects of a push it should not repeat.
 */
export async function takeMessagePush(deps: Deps, event: unknown): Promise<'success'> {
  const verdict = verdictOf(event)
  if (!verdict) {
    const e = event as { MsgType?: unknown; Event?: unknown; errcode?: unknown }
    deps.logger.error('message push not taken', {
      msgType: e.MsgType,
      event: e.Event,
      errcode: e.errcode,
    })
    return 'success'
  }
  const recorded = await recordPhotoVerdict(deps, verdict)
  if (!recorded.ok) throw new Error(`photo verdict not recorded: ${recorded.error.code}`)
  return 'success'
}
