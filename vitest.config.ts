import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // property tests draw from one fixed seed (FPRISK_PROPERTY_SEED to change it)
    setupFiles: ["test/propertySeed.ts"],
    include: ["test/**/*.test.ts"],
    // test/system needs real components (Jupyter…): `npm run test:system`, vitest.system.config.ts
    exclude: [...configDefaults.exclude, "test/system/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests spawn the real binary; two cores, so keep workers at two.
    maxWorkers: 2,
  },
});
