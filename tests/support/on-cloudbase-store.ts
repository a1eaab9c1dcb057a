/**
 * Setup file of the `cloudbase` jest project: the same function and use-case tests, with
 * `testDeps()` building their deps over the production CloudBase adapter (real node-sdk over the
 * database double) instead of SQLite.
 */
process.env.CLUB_TEST_STORE = 'cloudbase'
