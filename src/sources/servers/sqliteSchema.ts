/**
 * What tables and columns an SQLite database has, read without touching its data: the table
 * list comes from sqlite_schema, columns from `PRAGMA table_info` on demand. Virtual tables are
 * listed but never opened, because a media server's FTS tables use tokenizers stock SQLite
 * lacks (Plex's "collating"), and opening one fails.
 */
import type Database from "better-sqlite3";

export class SqliteSchema {
  /** Lower-case table name → name as declared. */
  private readonly tables = new Map<string, string>();
  private readonly virtual = new Set<string>();
  private readonly columns = new Map<string, Map<string, string>>();

  constructor(private readonly db: Database.Database) {
    const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string | null }[];
    for (const { name, sql } of rows) {
      this.tables.set(name.toLowerCase(), name);
      if (sql && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(sql)) this.virtual.add(name.toLowerCase());
    }
  }

  /** Declared table names, sorted, without SQLite's internal ones. */
  tableNames(): string[] {
    return [...this.tables.values()].filter((t) => !t.startsWith("sqlite_")).sort();
  }

  hasTable(name: string): boolean {
    return this.tables.has(name.toLowerCase());
  }

  /** Column name as declared (SQLite names are case-insensitive), or undefined. */
  column(table: string, name: string): string | undefined {
    return this.columnMap(table).get(name.toLowerCase());
  }

  hasColumn(table: string, name: string): boolean {
    return this.column(table, name) !== undefined;
  }

  /** The names among `wanted` that `table` lacks. */
  missingColumns(table: string, wanted: readonly string[]): string[] {
    return wanted.filter((c) => !this.hasColumn(table, c));
  }

  private columnMap(table: string): Map<string, string> {
    const key = table.toLowerCase();
    let map = this.columns.get(key);
    if (!map) {
      map = new Map();
      const declared = this.tables.get(key);
      if (declared && !this.virtual.has(key)) {
        const rows = this.db.prepare(`PRAGMA table_info(${quoteIdent(declared)})`).all() as { name: string }[];
        for (const r of rows) map.set(r.name.toLowerCase(), r.name);
      }
      this.columns.set(key, map);
    }
    return map;
  }
}

/** An SQL identifier in double quotes (for names we read from the schema ourselves). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
