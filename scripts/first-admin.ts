/**
 * `npm run cloud:first-admin -- --name 张经理`: the first admin of a CloudBase environment. With no
 * staff yet nobody can invite in the app, so the environment's owner (holding its API key) writes a
 * one-time admin invite through the functions' own CloudBase adapter and use case — the code's
 * hash only, audited as `system` — and the code is printed once. The person then opens the
 * mini-program, taps 员工邀请 and enters it. Refused while an active admin exists, unless
 * `--anyway` (an owner recovering a lost admin account).
 */
import {
  cloudbaseStore,
  type CloudbaseDb,
} from '../cloudfunctions/_shared/adapters/cloudbase/cloudbase-store'
import { systemClock } from '../cloudfunctions/_shared/deps'
import { createIdGenerator } from '../cloudfunctions/_shared/ids'
import { issueFirstAdminInvite } from '../cloudfunctions/_shared/use-cases/manage-staff'
import { inviteStaffInput } from '../src/contracts/staff'
import { formatShanghaiDateTime } from '../src/domain/shared/calendar'
import { credentialsFrom, type Output } from './cloud-environment'

type Env = Record<string, string | undefined>

const COMMAND = 'cloud:first-admin'
const USAGE = `usage: npm run ${COMMAND} -- --name <姓名> [--anyway]`

/** `--name X` (or `--name=X`) and `--anyway`; anything else is an error. */
export function parseFirstAdminArgs(
  args: readonly string[],
): { ok: true; name: string; anyway: boolean } | { ok: false; message: string } {
  let name: string | null = null
  let anyway = false
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--anyway') anyway = true
    else if (arg === '--name') name = args[++i] ?? ''
    else if (arg.startsWith('--name=')) name = arg.slice('--name='.length)
    else return { ok: false, message: `unknown argument ${arg}\n${USAGE}` }
  }
  if (name === null) return { ok: false, message: `the admin's name is missing\n${USAGE}` }
  const parsed = inviteStaffInput.safeParse({ role: 'admin', name })
  if (!parsed.success) {
    return { ok: false, message: `${parsed.error.issues[0]?.message ?? 'bad name'}\n${USAGE}` }
  }
  return { ok: true, name: parsed.data.name, anyway }
}

/** Runs the command; 0 when an invite was written and its code printed, 1 otherwise. */
export async function firstAdmin(env: Env, args: readonly string[], out: Output): Promise<number> {
  const credentials = credentialsFrom(env, COMMAND)
  if (!credentials.ok) {
    out.error(credentials.message)
    return 1
  }
  const input = parseFirstAdminArgs(args)
  if (!input.ok) {
    out.error(input.message)
    return 1
  }
  const { envId, secretId, secretKey, token } = credentials.credentials
  // Loaded only once the credentials are known: without them node-sdk raises an unhandled
  // rejection that ends the process (PLATFORM §6).
  const tcb = await import('@cloudbase/node-sdk')
  const app = tcb.init({
    env: envId,
    secretId,
    secretKey,
    ...(token ? { sessionToken: token } : {}),
  })
  const store = cloudbaseStore(app.database() as unknown as CloudbaseDb)
  const issued = await issueFirstAdminInvite(
    { store, clock: systemClock, ids: createIdGenerator() },
    { name: input.name, anyway: input.anyway },
  )
  if (!issued.ok) {
    out.error(
      [
        `${envId} already has an active admin: ${issued.admins.join('、')}.`,
        'Ask them to invite you in the app (员工管理 → 邀请员工). To recover a lost admin account,',
        `run again with --anyway: npm run ${COMMAND} -- --name ${input.name} --anyway`,
      ].join('\n'),
    )
    return 1
  }
  out.log(
    [
      `An admin invite for ${issued.invite.name} was written to ${envId}.`,
      '',
      `  邀请码  ${issued.code}`,
      '',
      `It can be accepted once, until ${formatShanghaiDateTime(issued.invite.expiresAt)} (Shanghai time).`,
      `Give it to ${issued.invite.name} only. They open the mini-program with the WeChat account they`,
      'will work with (not one registered as a member), tap 员工邀请 on the home page and enter it.',
      'The code is not stored and cannot be shown again: if it is lost, run this command again.',
    ].join('\n'),
  )
  return 0
}
