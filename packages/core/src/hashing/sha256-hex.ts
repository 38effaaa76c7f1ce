/**
 * A sha256 as the API records it: 64 hexadecimal digits, either case. What a
 * `file_hash` must be for a download to be verifiable, so it is checked where one
 * is created, prepared or trusted.
 */
export const sha256HexPattern = /^[0-9a-f]{64}$/i;
