// A browser flow takes seconds, not the default 5 s; Playwright's own waits fail sooner than this.
jest.setTimeout(120_000)
