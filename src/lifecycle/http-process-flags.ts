/**
 * V8 flags every HTTP process starts with: the Dockerfile's NODE_OPTIONS and `npm start` pass them
 * (a test keeps both in line with this list), a cluster's workers inherit them from the primary,
 * and the bench starts its measured server with them.
 *
 * A case step allocates about 200 KB, nearly all of it garbage once it is answered. With V8's
 * default 16 MB semi-space that was a scavenge every ~80 steps, each pausing every request in
 * flight; with 32 MB it is one every ~145, the scavenge time per step a third lower, and fewer
 * short-lived objects reach the old generation, whose mark-compacts pause longest. ~35 MB more peak RSS.
 */
export const HTTP_PROCESS_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
