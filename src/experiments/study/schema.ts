/**
 * The JSON Schema of a study file (draft 2020-12): what `fprisk experiments schema`
 * prints, what editors complete against, and what `loadStudy` validates with ajv.
 *
 * Every artifact's parameter object may carry a `quick` object with the same
 * parameters (none required): the values a `--quick` run uses instead. Catalogs and
 * the server population take a `quick` overlay the same way.
 */

type Schema = Record<string, unknown>;

const int = (min: number, description: string): Schema => ({ type: "integer", minimum: min, description });
const share = (description: string): Schema => ({ type: "number", minimum: 0, maximum: 1, description });
const list = (items: Schema, description: string): Schema => ({ type: "array", items, minItems: 1, description });
const text = (description: string): Schema => ({ type: "string", minLength: 1, description });
const schemes = (description: string): Schema => list({ type: "string", minLength: 1 }, `${description} (fprisk schemes, e.g. "duration=round(1s),bitrate=round(100kbps)")`);
const widths = (description: string): Schema => list({ type: "string", minLength: 1 }, `${description} (durations such as "1ms", "10s", "1min")`);
const catalogIds: Schema = list({ type: "string", minLength: 1 }, "ids of the study's catalogs this artifact uses, in panel order (default: all of them)");

/**
 * The parameters of each artifact: one schema per parameter. A parameter absent from a
 * study is absent from the run, so every one listed here is required (see `ARTIFACT_REQUIRED`)
 * except `catalogs`.
 */
export const ARTIFACT_PARAMETERS: Record<string, Record<string, Schema>> = {
  F1: {
    catalogs: catalogIds,
    widths: widths("duration rounding widths, finest first"),
    bitrates: list({ type: "string", minLength: 1 }, 'bitrate generalizers drawn where the catalog has bitrate ("exact", "round(100kbps)", "drop", …)'),
    resolutions: list({ type: "string", minLength: 1 }, 'resolution generalizers drawn where the catalog has resolution ("exact", "class")'),
  },
  F2: {
    schemes: schemes("the ladder of schemes, finest first"),
    plays: list(int(1, "plays"), "numbers of plays p observed from one server"),
    targets: int(1, "target servers per point"),
  },
  F3: {
    schemes: schemes("schemes, finest first"),
    panels: list(
      {
        type: "object",
        additionalProperties: false,
        required: ["label", "wrongPlays", "durationErrorS"],
        properties: {
          label: text("panel title"),
          wrongPlays: int(0, "known plays that come from other servers"),
          durationErrorS: { type: "number", minimum: 0, description: "the attacker's durations are off by up to ± this many seconds" },
        },
      },
      "the attacker's knowledge per panel",
    ),
    plays: list(int(1, "plays"), "numbers of plays k known to the attacker"),
    targets: int(1, "target servers per point"),
    bootstrap: int(0, "bootstrap resamples of the intervals"),
  },
  F4: {
    schemes: schemes("two schemes: the first is the one the text quotes"),
    plays: int(1, "exact plays per target"),
    openWorldShare: share("share of targets removed from the attacker's set"),
    lowBaseRate: share("a base rate nearer deployment, for the precision the text quotes"),
    targets: int(1, "target servers"),
  },
  F5: {
    catalogs: catalogIds,
    sizes: list(int(1, "rows"), "synthetic catalog sizes N, ascending"),
    syntheticSchemes: schemes("schemes on the synthetic catalogs"),
    realSchemes: schemes("duration-only schemes on the study's catalogs; those finer than a catalog's duration precision are skipped there"),
    servers: list(int(1, "servers"), "server populations M, ascending"),
    serverSchemes: schemes("schemes of the server panel"),
    plays: int(1, "plays per attacked server"),
    targets: int(1, "target servers per point"),
  },
  F6: {
    catalogs: catalogIds,
    target: text('the risk target, e.g. "title_unique_fraction<=0.01"'),
  },
  F7: {
    catalogs: catalogIds,
    population: int(1, "rows of the synthetic population"),
    fractions: list({ type: "number", exclusiveMinimum: 0, maximum: 1 }, "sampling fractions π"),
    syntheticSchemes: schemes("schemes on the synthetic population"),
    realSchemes: schemes("candidate schemes on the study's catalogs: the first one not finer than a catalog's duration precision is used"),
    minSample: int(1, "smaller samples are not drawn"),
  },
  T1: {
    catalogs: catalogIds,
  },
  T2: {
    catalogs: catalogIds,
    widths: widths("duration rounding widths tried, finest first"),
    bitrates: list({ type: "string", minLength: 1 }, 'bitrate generalizers, one table row each where the catalog has bitrate ("drop" = not reported)'),
    targets: list(share("target"), "title_unique_fraction targets"),
  },
  T3: {
    rows: list(
      {
        type: "object",
        additionalProperties: false,
        required: ["catalog", "attacker"],
        properties: {
          catalog: text("id of one of the study's catalogs"),
          attacker: {
            enum: ["same", "releases"],
            description: '"same": the attacker holds this catalog, servers are drawn from it; "releases": release files simulated from its runtimes are attacked with the catalog itself',
          },
          label: text("row label (default: the catalog's)"),
        },
      },
      "the table's catalog rows",
    ),
    schemes: schemes("fine, Plex-like, coarse"),
    toleranceS: { type: "number", minimum: 0, description: "likelihood attack: duration window, seconds" },
    tolerancePercent: { type: "number", minimum: 0, description: "likelihood attack: bitrate window, percent" },
    linkagePlays: int(1, "plays of the linkage attack"),
    scoreboard: {
      type: "object",
      additionalProperties: false,
      required: ["plays", "wrongPlays", "durationErrorS"],
      properties: { plays: int(1, "known plays"), wrongPlays: int(0, "of them from other servers"), durationErrorS: { type: "number", minimum: 0, description: "duration error, ± seconds" } },
      description: "Scoreboard-RH's knowledge",
    },
    targets: int(1, "targets (plays or servers) per cell"),
  },
  T4: {
    catalogs: catalogIds,
    targets: list(text("target"), 'tune targets, e.g. "linkage(4)<=0.05"'),
    libraries: int(1, "servers drawn per catalog (and attacked) for linkage targets"),
  },
};

/** The artifact ids, in the order a study builds them. */
export const ARTIFACT_IDS = Object.keys(ARTIFACT_PARAMETERS);

function artifactSchema(id: string): Schema {
  const props = ARTIFACT_PARAMETERS[id];
  const required = Object.keys(props).filter((k) => k !== "catalogs");
  return {
    type: "object",
    additionalProperties: false,
    required,
    description: `parameters of ${id}`,
    properties: {
      ...props,
      quick: { type: "object", additionalProperties: false, properties: props, description: "values used instead under --quick" },
    },
  };
}

const catalogProps: Record<string, Schema> = {
  source: text('any catalog fprisk reads: a registry dataset name, a file or folder path (relative to the working directory, as on the command line), or a synthetic URI; "{seed}" is replaced by the study\'s seed'),
  label: text("panel and row label"),
  map: text('source columns → fields, as --map: "title=name+artist,duration=milliseconds:ms"'),
  note: text("a short remark the captions add, e.g. how a column was derived"),
};

export const STUDY_SCHEMA: Schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "fprisk study",
  description: "The catalogs and parameters of every figure and table `fprisk reproduce` builds.",
  type: "object",
  additionalProperties: false,
  required: ["catalogs", "servers", "artifacts"],
  properties: {
    $schema: { type: "string" },
    name: text("the study's name"),
    description: { type: "string" },
    seed: int(0, "the seed of every random step (default 1)"),
    quick: { type: "boolean", description: "use every `quick` overlay (default false)" },
    catalogs: list(
      {
        type: "object",
        additionalProperties: false,
        required: ["source"],
        properties: {
          id: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", description: "what artifacts call it (default: derived from the source)" },
          ...catalogProps,
          quick: { type: "object", additionalProperties: false, properties: catalogProps, description: "values used instead under --quick" },
        },
      },
      "the catalogs of the study",
    ),
    servers: {
      type: "object",
      additionalProperties: false,
      required: ["catalog", "count"],
      description: "the synthetic servers of the library attacks (F2–F5, T3): libraries drawn from one catalog",
      properties: {
        catalog: text("id of the catalog the libraries are drawn from"),
        count: int(1, "number of servers"),
        quick: { type: "object", additionalProperties: false, properties: { catalog: text("catalog id"), count: int(1, "number of servers") } },
      },
    },
    artifacts: {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      description: "the artifacts to build (F1–F7, T1–T4) and their parameters",
      properties: Object.fromEntries(ARTIFACT_IDS.map((id) => [id, artifactSchema(id)])),
    },
    lock: {
      type: "object",
      description: "written by fprisk into study.lock.json: the version, seed and checksums of the datasets read",
      required: ["fprisk", "seed", "datasets"],
      properties: {
        fprisk: { type: "string" },
        seed: { type: "integer" },
        datasets: {
          type: "array",
          items: {
            type: "object",
            required: ["source", "files"],
            properties: {
              source: { type: "string" },
              files: { type: "array", items: { type: "object", required: ["path", "sha256"], properties: { path: { type: "string" }, sha256: { type: ["string", "null"] } } } },
            },
          },
        },
      },
    },
  },
};

/** The schema as `fprisk experiments schema` prints it and experiments/study.schema.json holds it. */
export function studySchemaText(): string {
  return `${JSON.stringify(STUDY_SCHEMA, null, 2)}\n`;
}
