/** The element the H5 page shows before the app, which the card page takes away when it mounts. */
export const INSTANT_CARD_ID = 'instant-card'
