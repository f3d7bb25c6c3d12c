/**
 * The fprisk library API — what the CLI, the figures and notebooks all use.
 *
 *   import { loadCatalog, parseScheme, evaluate } from "fprisk";
 *   const catalog = await loadCatalog("chinook-tracks");
 *   const { results } = evaluate(catalog, ["duration=round(1s)", "duration=round(60s)"]);
 *   results[0].metrics.title_unique_fraction;
 */
export { type Catalog, type NumericField, NUMERIC_FIELDS, makeCatalog, deriveBitrateFromSize } from "./catalog/catalog.js";
export { describeCatalog, type CatalogDescription } from "./catalog/describe.js";
export { detectPrecision } from "./catalog/precision.js";
export * from "./catalog/units.js";
export { loadCatalog, type LoadOptions } from "./sources/loadCatalog.js";
export { catalogRelation, sourceRowCount, type RelationOptions } from "./sources/catalogRelation.js";
export { parseFieldMap, formatFieldMap, type FieldMap } from "./sources/table/fieldMap.js";
export { loadFfprobeFiles, parseFfprobeJson, probeItem, looksLikeFfprobe } from "./sources/media/ffprobe.js";
export { loadMediaFolder, type MediaScanOptions, type ScanEvent } from "./sources/media/mediaFolder.js";
export { sniffMedia, type MediaFormat, type SniffResult } from "./sources/media/mediaSniff.js";
export { defaultProbeCacheDir } from "./sources/media/probeCache.js";
export { loadMediaDatabase, type MediaDbOptions, type MediaServerApp } from "./sources/servers/mediaDb.js";
export * from "./schemes/index.js";
export { partition, type Partition, type PartitionOptions } from "./engine/partition.js";
export { groupKeys, type GroupOptions } from "./engine/group.js";
export { closePool, type EngineOptions } from "./engine/pool.js";
export { classStats, type ClassStats } from "./engine/classStats.js";
export { evaluate, evaluateScheme, type EvaluateOptions, type EvaluationResult, type SchemeOptions, type SchemeResult } from "./measures/evaluate.js";
export { computeMetrics, classSizeHistogram, METRIC_KEYS, type Metrics, type HistogramBin } from "./measures/metrics.js";
export { compileSchemeSql, assertSchemeFitsRelation, assertSchemeCompiles, fittedParts, type CompiledScheme, type FittedState } from "./engine/sql/schemeSql.js";
export { titleCountsSql, classesSql, classSizesSql, exposedTitlesSql, titleCountSql, valueRunsSql } from "./engine/sql/classQueries.js";
export { dialectOf, isSqlDialect, SQL_DIALECTS, type Dialect } from "./engine/sql/dialect.js";
export { count as sqlCount, type SqlRunner } from "./engine/sql/runner.js";
export { classSizeTotals, fitOnRelation, relationTitles } from "./engine/sql/sizeTotals.js";
export type { ClassSizeTotals } from "./engine/sizeTotals.js";
export { DuckDbRunner, type DuckDbOptions } from "./engine/sql/duckdbRunner.js";
export { catalogToDuckDb } from "./engine/sql/catalogTable.js";
export { parseMemoryLimit } from "./engine/sql/memoryLimit.js";
export { metricsFromSizes } from "./measures/metrics.js";
export { evaluateSql, type SqlEvaluateOptions } from "./measures/sql/evaluateSql.js";
export type { SqlRelation, SqlDialect } from "./sources/relation.js";
export { sweepSchemes, type SweepAxes } from "./experiments/sweep.js";
export { tune, tuneAsync, PLEX_LIKE_SCHEMES, type TuneOptions, type TuneResult, type SchemeOutcome } from "./experiments/tune/tune.js";
export { type TuneCatalog } from "./experiments/tune/catalogSearch.js";
export { MemoryCatalog } from "./experiments/tune/memoryCatalog.js";
export { SqlCatalog } from "./experiments/tune/sqlCatalog.js";
export { parseTarget, type Target } from "./experiments/tune/target.js";
export { parseSpace, parseKeep, defaultSpace, type SearchSpace } from "./experiments/tune/space.js";
export { parseObjective, type Objective } from "./experiments/tune/objective.js";
export { RollupEvaluator } from "./measures/rollupEvaluator.js";
export { runDefaultExperiment, PLEX_STYLE_SCHEMES, DEFAULT_CATALOG } from "./experiments/defaultExperiment.js";
export { generateVideoLibrary, loadSynthetic } from "./sources/synthetic/synthetic.js";
export { listDatasets, getDataset, verifyDataset, fetchDataset, type DatasetEntry } from "./sources/registry/registry.js";
export { runAttack, resolveMethod, ATTACK_METHODS, type AttackRun, type RunAttackOptions, type AttackMethod } from "./attacks/runAttack.js";
export { evaluateAttack, type AttackEvaluation, type AttackEvaluationOptions, type PrecisionRecallPoint } from "./attacks/evaluation.js";
export { buildAttacker, parseTolerance, removeTitles, selectRows, type Tolerance, type AttackerKnowledge } from "./attacks/attacker.js";
export { loadPrior, priorFromRows, type TitlePrior } from "./attacks/prior.js";
export { normalizeTitle, TitleIndex } from "./attacks/titleJoin.js";
export { ClassMatchAttack } from "./attacks/classMatch.js";
export { LikelihoodAttack } from "./attacks/likelihood.js";
export { simulateReleases } from "./attacks/simulateReleases.js";
export { renderAttack, attackJson } from "./output/attackReport.js";
export { sampleTargets } from "./attacks/targets.js";
export { averagingAttack, type AveragingOptions } from "./attacks/averaging.js";
export type { AttackOutcome, AttackAnswer, RateWithCI, RankedCandidate } from "./attacks/types.js";
export { occupancyUniqueFraction, occupancyKappa, occupancyFromRows } from "./measures/model/occupancy.js";
export { predictRisk, type PredictRiskOptions, type PredictedRisk } from "./measures/model/predictRisk.js";
export { addModelMetrics, MODEL_METRIC_KEYS } from "./measures/model/overlay.js";
export { fitSmoothedDensity, type SmoothedDensity } from "./measures/model/smoothedDensity.js";
export { drawLibraries, titlePopularityOrder, libraryItems, type Libraries, type LibraryDrawOptions } from "./attacks/libraries.js";
export { runLibraryAttack, type LibraryAttackOptions, type LibraryAttackOutcome } from "./attacks/libraryAttack.js";
export { libraryUniqueness, type LibraryUniquenessOptions, type LibraryUniquenessRow } from "./attacks/linkage.js";
export { playLogUnicity, type PlayLogUnicityOptions, type PlayLogUnicityRow } from "./attacks/playLogUnicity.js";
export { drawPlays, itemWords, serverWords, type DrawnPlays } from "./attacks/playDraw.js";
export { syntheticPlayLog, playRowsOf, type SyntheticPlayLogOptions, type SyntheticPlays } from "./attacks/syntheticPlayLog.js";
export { playLogFromRows, type PlayLog, type PlayRows, type PlayLogRelation } from "./sources/playLog.js";
export { loadPlayLog, playLogRelation, type PlayLogFileOptions } from "./sources/playLogFile.js";
export { unicitySql, runUnicity, type UnicityCounts, type UnicitySqlOptions } from "./engine/sql/unicitySql.js";
export { writePlayLogParquet } from "./output/playLogParquet.js";
export { hashStep, HASH_SQL } from "./base/drawHash.js";
export { itemRisk, mostIdentifyingOrder, type ItemRisk } from "./measures/itemRisk.js";
export {
  populationRisk,
  populationSize,
  checkPopulationOptions,
  ESTIMATORS,
  POPULATION_METRIC_KEYS,
  type PopulationOptions,
  type PopulationResult,
  type EstimatorName,
  type EstimatorChoice,
} from "./measures/population/populationRisk.js";
export type { PopulationEstimate, EstimateStatus } from "./measures/population/estimate.js";
export { classSizeCounts, fromPairs, type ClassSizeCounts } from "./measures/population/histogram.js";
export { zayatz } from "./measures/population/zayatz.js";
export { pitman, fitPitman } from "./measures/population/pitman.js";
export { snb, fitSnb } from "./measures/population/snb.js";
export { dankar } from "./measures/population/dankar.js";
export { fitCopula, copulaAverages, uniqueInPopulation, correctMatch, type CopulaFit } from "./measures/population/copula.js";
export { posteriorUnique, posteriorInverseSize } from "./measures/population/poissonPosterior.js";
export { buildItemReport, type ItemReport, type ReportItem } from "./measures/itemReport.js";
export { renderItemReport } from "./output/itemReportRender.js";
export { makeRedactor, resolveSalt } from "./base/redact.js";
export { renderResults, resultsTable } from "./output/results.js";
export { riskPoints, riskChartSpec, type RiskPoint } from "./figures/riskChart.js";
export { reproduce, runStudy, ARTIFACTS, type ReproduceSummary, type RunStudyOptions } from "./experiments/reproduce/run.js";
export { loadStudy, isPaperStudy, type LoadStudyOptions } from "./experiments/study/loadStudy.js";
export { parseStudy, readStudyFile } from "./experiments/study/readStudy.js";
export { resolveStudy } from "./experiments/study/resolveStudy.js";
export { applyOverrides } from "./experiments/study/overrides.js";
export { STUDY_SCHEMA as studySchema } from "./experiments/study/schema.js";
export type { StudyFile, ResolvedStudy, StudyLock } from "./experiments/study/types.js";
export { UserError } from "./base/errors.js";
export { parseClickHouseUrl, isClickHouseUrl, type ClickHouseTarget } from "./sources/clickhouse/clickhouseUrl.js";
export { ClickHouseConnection, explainClickHouseError } from "./sources/clickhouse/clickhouseConnection.js";
export { openClickHouseRelation, planClickHouseRelation, type ClickHouseRelationOptions, type ClickHouseSource } from "./sources/clickhouse/clickhouseRelation.js";
export { loadClickHouseCatalog } from "./sources/clickhouse/clickhouseCatalog.js";
export { openClickHousePlayLog, loadClickHousePlayLog, type ClickHousePlayLogOptions, type ClickHousePlayLog } from "./sources/clickhouse/clickhousePlayLog.js";
export { ClickHouseRunner } from "./engine/sql/clickhouseRunner.js";
export { evaluateClickHouse, type ClickHouseEvaluateOptions } from "./measures/sql/evaluateClickHouse.js";
