/**
 * `npm run cloud:first-admin -- --name <姓名> [--anyway]`: writes a one-time admin invite into the
 * CloudBase environment TCB_ENV_ID with the API key TCB_SECRET_ID / TCB_SECRET_KEY
 * (+ TCB_SESSION_TOKEN) and prints its code (scripts/first-admin.ts, docs/deploy.md §7).
 */
import { firstAdmin } from './first-admin'

firstAdmin(process.env, process.argv.slice(2), console).then((code) => {
  process.exitCode = code
})
