import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { quoteIdent, SqliteSchema } from "../../../src/sources/servers/sqliteSchema.js";

describe("SqliteSchema", () => {
  it("tables and columns case-insensitively, as declared; SQLite's own tables hidden; virtual tables never opened", () => {
    const db = new Database(":memory:");
    db.exec(`
      CREATE TABLE Media_Items (ID INTEGER PRIMARY KEY, Duration INTEGER, "odd ""name""" TEXT);
      CREATE TABLE files (idFile INTEGER PRIMARY KEY AUTOINCREMENT);
      INSERT INTO files DEFAULT VALUES;
      CREATE VIRTUAL TABLE fts_titles USING fts4(title);
    `);
    const schema = new SqliteSchema(db);
    expect(schema.tableNames()).toEqual(expect.arrayContaining(["Media_Items", "files", "fts_titles"]));
    expect(schema.tableNames().some((t) => t.startsWith("sqlite_"))).toBe(false);
    expect(schema.hasTable("media_items")).toBe(true);
    expect(schema.column("MEDIA_ITEMS", "duration")).toBe("Duration");
    expect(schema.column("media_items", 'odd "name"')).toBe('odd "name"');
    expect(schema.missingColumns("media_items", ["id", "bitrate", "DURATION"])).toEqual(["bitrate"]);
    expect(schema.hasColumn("fts_titles", "title")).toBe(false); // not opened
    expect(schema.hasColumn("nope", "x")).toBe(false);
    db.close();
  });

  it("quoteIdent doubles inner quotes", () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent("index")).toBe('"index"');
  });
});
