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

/** Names keep their first character in audit rows and lists: 王建国 → 王**. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'.repeat(chars.length)
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

/** Addresses keep their first six characters (province and city, as a rule): 江苏省南京市****. */
export function maskAddress(address: string): string {
  const chars = [...address]
  if (chars.length <= 6) return '*'.repeat(chars.length)
  return `${chars.slice(0, 6).join('')}****`
}

/** Birthdays keep the year only: 1985-06-15 → 1985-**-**; anything else is all stars. */
export function maskBirthday(birthday: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(birthday)
    ? `${birthday.slice(0, 4)}-**-**`
    : '*'.repeat(birthday.length)
}
