/**
 * `npm run cloud:setup`: creates in the CloudBase environment TCB_ENV_ID whatever
 * cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema.ts has and it lacks (collections,
 * indexes, security rules), with the API key TCB_SECRET_ID / TCB_SECRET_KEY (+ TCB_SESSION_TOKEN).
 * Safe to run again: a second run finds nothing to do. Never drops a collection.
 */
import { cloudSetup } from './cloud-environment'

cloudSetup(process.env, console).then((code) => {
  process.exitCode = code
})
