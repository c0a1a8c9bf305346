/**
 * On every answer of the lean path, and only there: a browser test and the benchmark tell the two
 * paths apart by it. In a file of its own so the benchmark can read it without loading the server.
 */
export const LEAN_PATH_HEADER = "x-portal-responder";
