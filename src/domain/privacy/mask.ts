/** Mobile numbers are masked in every list: 13812345678 → 138****5678; anything shorter is all stars (SPEC §9). */
export function maskMobile(mobile: string): string {
  if (mobile.length < 11) return '*'.repeat(mobile.length)
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`
}

/** Licence numbers keep their first and last three characters in lists: 320*******123. */
export function maskLicence(licence: string): string {
  if (licence.length <= 6) return '*'.repeat(licence.length)
  return `${licence.slice(0, 3)}${'*'.repeat(licence.length - 6)}${licence.slice(-3)}`
}
