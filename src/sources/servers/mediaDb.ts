/**
 * Media-server databases (Plex, Jellyfin, Kodi) as catalogs. The user's file is never opened:
 * a private copy (with its WAL) is read (sqliteCopy.ts). The application is recognized by its
 * tables; a database of a known application whose schema lacks what we read is reported with
 * the missing tables/columns rather than guessed at.
 *
 *   const catalog = await loadMediaDatabase("com.plexapp.plugins.library.db");
 *   catalog.origin.files[0]  // "…/com.plexapp.plugins.library.db#media_items.id"
 */
import type Database from "better-sqlite3";
import type { Catalog, NumericField } from "../../catalog/catalog.js";
import { UserError } from "../../base/errors.js";
import { jellyfinLayout, jellyfinProvenance, JELLYFIN_ITEM_COLUMNS, JELLYFIN_STREAM_COLUMNS, loadJellyfin } from "./jellyfinDb.js";
import { KODI_NO_BITRATE, KODI_REQUIRED, kodiProvenance, kodiSchemaVersion, loadKodi } from "./kodiDb.js";
import { MediaItemSink } from "./mediaItemSink.js";
import { loadPlex, PLEX_REQUIRED, plexProvenance } from "./plexDb.js";
import { withPrivateCopy } from "./sqliteCopy.js";
import { SqliteSchema } from "./sqliteSchema.js";

export interface MediaDbOptions {
  skipInvalid?: boolean;
}

export type MediaServerApp = "Plex" | "Jellyfin" | "Kodi";

/** Tables that identify each application (enough of them present = "looks like"). */
const SIGNATURES: { app: MediaServerApp; tables: readonly string[] }[] = [
  { app: "Plex", tables: Object.keys(PLEX_REQUIRED) },
  { app: "Kodi", tables: Object.keys(KODI_REQUIRED) },
];

export async function loadMediaDatabase(path: string, options: MediaDbOptions = {}): Promise<Catalog> {
  const skipInvalid = options.skipInvalid ?? false;
  return withPrivateCopy(path, (db, copy) => {
    const schema = new SqliteSchema(db);
    const catalog = readApplication(db, schema, path, skipInvalid);
    if (copy.copied.includes("-wal")) catalog.notes.push("read with its write-ahead log (-wal), so changes not yet checkpointed are included");
    if (copy.unstable) catalog.notes.push("the database kept changing while it was copied; the last copy was read");
    return catalog;
  });
}

function readApplication(db: Database.Database, schema: SqliteSchema, path: string, skipInvalid: boolean): Catalog {
  const jellyfin = jellyfinLayout(schema);
  if (jellyfin) {
    requireTables(schema, path, "Jellyfin", [jellyfin.streams]);
    requireColumns(schema, path, "Jellyfin", jellyfin.items, [...JELLYFIN_ITEM_COLUMNS, jellyfin.id, jellyfin.kind.column]);
    requireColumns(schema, path, "Jellyfin", jellyfin.streams, JELLYFIN_STREAM_COLUMNS);
    const sink = new MediaItemSink({
      dbPath: path,
      app: "Jellyfin",
      rowIdName: `${jellyfin.items}.rowid`,
      skipInvalid,
      provenance: jellyfinProvenance(schema, jellyfin),
    });
    loadJellyfin(db, schema, jellyfin, sink);
    // RunTimeTicks count 100 ns: a duration is recorded to 0.0001 ms.
    return sink.finish({ duration_ms: 0.0001 }, [`Jellyfin ${jellyfin.version}`]);
  }
  const app = recognize(schema, path);
  if (app === "Plex") {
    for (const [table, columns] of Object.entries(PLEX_REQUIRED)) requireColumns(schema, path, "Plex", table, columns);
    const sink = new MediaItemSink({ dbPath: path, app: "Plex", rowIdName: "media_items.id", skipInvalid, provenance: plexProvenance(schema) });
    loadPlex(db, schema, sink);
    return sink.finish({ duration_ms: 1 }, ["Plex Media Server library"]);
  }
  for (const [table, columns] of Object.entries(KODI_REQUIRED)) requireColumns(schema, path, "Kodi", table, columns);
  const sink = new MediaItemSink({ dbPath: path, app: "Kodi", rowIdName: "files.idFile", skipInvalid, provenance: kodiProvenance() });
  loadKodi(db, schema, sink);
  const version = kodiSchemaVersion(db, schema);
  const precision: Partial<Record<NumericField, number>> = { duration_ms: 1000 };
  return sink.finish(precision, [`Kodi video library${version !== undefined ? ` (MyVideos${version})` : ""}`, KODI_NO_BITRATE]);
}

/** Plex or Kodi by their tables; anything else is a UserError naming what was found. */
function recognize(schema: SqliteSchema, path: string): MediaServerApp {
  let best: { app: MediaServerApp; missing: string[]; share: number } | undefined;
  for (const { app, tables } of SIGNATURES) {
    const missing = tables.filter((t) => !schema.hasTable(t));
    if (missing.length === 0) return app;
    const share = 1 - missing.length / tables.length;
    if (!best || share > best.share) best = { app, missing, share };
  }
  // Half or more of an application's tables: a damaged or unfamiliar version of it.
  if (best && best.share >= 0.5) {
    throw new UserError(`${path}: looks like a ${best.app} database, but tables ${best.missing.join(", ")} are missing`);
  }
  const names = schema.tableNames();
  const shown = names.length > 12 ? [...names.slice(0, 12), `… ${names.length - 12} more`] : names;
  throw new UserError(
    `${path}: an SQLite database, but not Plex, Jellyfin or Kodi (tables: ${shown.length ? shown.join(", ") : "none"})`,
  );
}

function requireTables(schema: SqliteSchema, path: string, app: MediaServerApp, tables: readonly string[]): void {
  const missing = tables.filter((t) => !schema.hasTable(t));
  if (missing.length) throw new UserError(`${path}: looks like a ${app} database, but tables ${missing.join(", ")} are missing`);
}

function requireColumns(schema: SqliteSchema, path: string, app: MediaServerApp, table: string, columns: readonly string[]): void {
  const missing = schema.missingColumns(table, columns);
  if (missing.length) {
    throw new UserError(`${path}: looks like a ${app} database, but ${table} lacks columns ${missing.join(", ")} (an unsupported schema version?)`);
  }
}
