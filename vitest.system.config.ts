/**
 * `npm run test:system`: the checks that need real components outside npm — the
 * notebooks executed by Jupyter's nbconvert, tune's page in headless Chromium, and a
 * two-shard ClickHouse cluster the tests start on free ports and stop after.
 * A missing component fails its tests with what to install; nothing is skipped.
 * `npm test` never runs these (vitest.config.ts excludes test/system).
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // property tests draw from one fixed seed (FPRISK_PROPERTY_SEED to change it)
    setupFiles: ["test/propertySeed.ts"],
    include: ["test/system/**/*.test.ts"],
    // one notebook kernel at a time on a small machine; a notebook may take minutes
    maxWorkers: 1,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
