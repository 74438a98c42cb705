/** A conversation is forgotten after 30 days of silence. */
export const EXPIRY_MS = 30 * 24 * 3600 * 1000;
