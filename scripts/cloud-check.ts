/**
 * `npm run cloud:check`: compares the CloudBase environment TCB_ENV_ID with
 * cloudfunctions/_shared/adapters/cloudbase/cloudbase-schema.ts and changes nothing.
 * Exit code 0: all match; 1: something differs (listed); 2: it could not check.
 */
import { cloudCheck } from './cloud-environment'

cloudCheck(process.env, console).then((code) => {
  process.exitCode = code
})
