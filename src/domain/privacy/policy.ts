/** The member agreement and privacy policy version in force; consent records this (SPEC §2, §9). */
export const CURRENT_POLICY_VERSION = '2026-11'
