/**
 * An artifact the study's data cannot build — e.g. F2's bitrate schemes on servers drawn
 * from a catalog without bitrate. The run writes nothing for it, builds the rest, and
 * the results page says why in the artifact's section.
 */
import type { Catalog } from "../../catalog/catalog.js";
import { parseScheme } from "../../schemes/parse.js";
import { catalogHasPart } from "../../schemes/schemeView.js";

export class ArtifactNotBuilt extends Error {
  constructor(
    readonly id: string,
    readonly reason: string,
  ) {
    super(`${id} not built: ${reason}`);
  }
}

/** The attributes `schemes` read that `catalog` lacks, e.g. ["bitrate", "resolution"]. */
export function missingAttributes(catalog: Catalog, schemes: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const s of schemes) for (const part of parseScheme(s).parts) if (!catalogHasPart(part, catalog)) missing.add(part.attribute);
  return [...missing];
}

/** Throws ArtifactNotBuilt when the catalog (named `label`) lacks an attribute the schemes need. */
export function requireAttributes(id: string, label: string, catalog: Catalog, schemes: readonly string[]): void {
  const missing = missingAttributes(catalog, schemes);
  if (missing.length > 0) {
    throw new ArtifactNotBuilt(id, `its schemes use ${missing.join(" and ")}, which ${label} does not record (its schemes: ${schemes.join("; ")})`);
  }
}
