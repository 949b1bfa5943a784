/** The nested run of limpieza-procesos.test.ts: only the fixture below, whose test is meant to time out. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/arbol/expira/servidor-que-expira.fixture.ts'],
    // Long enough for the API to start on a loaded machine most of the time; if not, the timeout lands mid-start,
    // which must leave nothing behind either.
    testTimeout: Number(process.env.LIMITE_EXPIRA_MS ?? 15_000),
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
