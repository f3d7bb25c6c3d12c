/** Schemes: the generalizer types, the grammar, canonical printing, bucket keys, nesting and seeded noise. */
export * from "./types.js";
export * from "./parse.js";
export * from "./format.js";
export * from "./generalize.js";
export * from "./nesting.js";
export * from "./noise.js";
export { ALLOWED_GENERALIZERS, GENERALIZERS, GENERALIZER_KINDS, allowedGeneralizers, generalizerOf, isRandomized, type RandomizedGeneralizer } from "./generalizers/registry.js";
export type { GeneralizerDef, KeyContext, IntervalContext, NestingContext, SqlColumn } from "./generalizers/generalizer.js";
