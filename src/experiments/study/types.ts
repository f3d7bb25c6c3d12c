/**
 * A study as written in a study file (`StudyFile`), and as a run uses it
 * (`ResolvedStudy`): the `quick` overlays applied, "{seed}" replaced, catalog ids
 * filled in, schemes in canonical form.
 */

export interface StudyCatalogFields {
  source: string;
  label?: string;
  map?: string;
  note?: string;
}

export interface StudyCatalog extends StudyCatalogFields {
  id?: string;
  quick?: Partial<StudyCatalogFields>;
}

export interface StudyServers {
  catalog: string;
  count: number;
  quick?: Partial<Omit<StudyServers, "quick">>;
}

/** One artifact's parameters, with its `quick` overlay. */
export type StudyArtifact = Record<string, unknown> & { quick?: Record<string, unknown> };

export interface DatasetChecksum {
  /** The catalog source as the study names it. */
  source: string;
  /** Files read: a registry dataset's file names, or the path as given; sha256 null for a folder. */
  files: { path: string; sha256: string | null }[];
}

export interface StudyLock {
  fprisk: string;
  seed: number;
  datasets: DatasetChecksum[];
}

export interface StudyFile {
  $schema?: string;
  name?: string;
  description?: string;
  seed?: number;
  quick?: boolean;
  catalogs: StudyCatalog[];
  servers: StudyServers;
  artifacts: Record<string, StudyArtifact>;
  lock?: StudyLock;
}

export interface ResolvedCatalog {
  id: string;
  label: string;
  source: string;
  map?: string;
  note?: string;
}

export interface F1Params { catalogs: string[]; widths: string[]; bitrates: string[]; resolutions: string[] }
export interface F2Params { schemes: string[]; plays: number[]; targets: number }
export interface F3Panel { label: string; wrongPlays: number; durationErrorS: number }
export interface F3Params { schemes: string[]; panels: F3Panel[]; plays: number[]; targets: number; bootstrap: number }
export interface F4Params { schemes: string[]; plays: number; openWorldShare: number; lowBaseRate: number; targets: number }
export interface F5Params {
  catalogs: string[];
  sizes: number[];
  syntheticSchemes: string[];
  realSchemes: string[];
  servers: number[];
  serverSchemes: string[];
  plays: number;
  targets: number;
}
export interface F6Params { catalogs: string[]; target: string }
export interface F7Params { catalogs: string[]; population: number; fractions: number[]; syntheticSchemes: string[]; realSchemes: string[]; minSample: number }
export interface T1Params { catalogs: string[] }
export interface T2Params { catalogs: string[]; widths: string[]; bitrates: string[]; targets: number[] }
export interface T3Row { catalog: string; attacker: "same" | "releases"; label?: string }
export interface T3Params {
  rows: T3Row[];
  schemes: string[];
  toleranceS: number;
  tolerancePercent: number;
  linkagePlays: number;
  scoreboard: { plays: number; wrongPlays: number; durationErrorS: number };
  targets: number;
}
export interface T4Params { catalogs: string[]; targets: string[]; libraries: number }

export interface ArtifactParams {
  F1: F1Params;
  F2: F2Params;
  F3: F3Params;
  F4: F4Params;
  F5: F5Params;
  F6: F6Params;
  F7: F7Params;
  T1: T1Params;
  T2: T2Params;
  T3: T3Params;
  T4: T4Params;
}

export type ArtifactId = keyof ArtifactParams;

export interface ResolvedStudy {
  name: string;
  seed: number;
  quick: boolean;
  catalogs: ResolvedCatalog[];
  servers: { catalog: string; count: number };
  /** The artifacts the study builds, in the study's order (F1 … T4), with their parameters. */
  artifacts: Partial<ArtifactParams>;
  /** The study file as read, overrides applied, without its lock: what study.lock.json records. */
  file: StudyFile;
  /** The lock the study file carried (it was a study.lock.json): its checksums, to compare. */
  lockRead?: StudyLock;
}
