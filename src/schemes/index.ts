/** Schemes: the generalizer types, the grammar, canonical printing, bucket keys and nesting. */
export * from "./types.js";
export * from "./parse.js";
export * from "./format.js";
export * from "./generalize.js";
export * from "./nesting.js";
