import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isClickHouseUrl, parseClickHouseUrl } from "../../../src/sources/clickhouse/clickhouseUrl.js";

describe("clickhouse:// URLs", () => {
  it("parses host, port, database, table and credentials; display drops the credentials", () => {
    expect(parseClickHouseUrl("clickhouse://fp:s3cret@10.0.0.5:8124/telemetry.plays", {})).toEqual({
      host: "10.0.0.5",
      port: 8124,
      database: "telemetry",
      table: "plays",
      user: "fp",
      password: "s3cret",
      display: "clickhouse://10.0.0.5:8124/telemetry.plays",
    });
  });

  it("defaults: port 8123, user default, empty password; the environment fills what the URL leaves out", () => {
    const t = parseClickHouseUrl("clickhouse://db.example/a.b", {});
    expect([t.port, t.user, t.password]).toEqual([8123, "default", ""]);
    const env = { CLICKHOUSE_USER: "envuser", CLICKHOUSE_PASSWORD: "envpw" };
    expect(parseClickHouseUrl("clickhouse://h:1/a.b", env)).toMatchObject({ user: "envuser", password: "envpw" });
    // a user in the URL wins; its password may still come from the environment
    expect(parseClickHouseUrl("clickhouse://me@h:1/a.b", env)).toMatchObject({ user: "me", password: "envpw" });
    expect(parseClickHouseUrl("clickhouse://me:@h:1/a.b", env)).toMatchObject({ user: "me", password: "" });
  });

  it("percent-escapes and raw @ or / in a password; IPv6 hosts; the scheme in any case", () => {
    expect(parseClickHouseUrl("clickhouse://u:p%40ss@h:9/a.b", {}).password).toBe("p@ss");
    expect(parseClickHouseUrl("clickhouse://u:p@s/s@h:9/a.b", {})).toMatchObject({ password: "p@s/s", host: "h" });
    expect(parseClickHouseUrl("clickhouse://[::1]:8123/a.b", {})).toMatchObject({ host: "[::1]", display: "clickhouse://[::1]:8123/a.b" });
    expect(isClickHouseUrl("ClickHouse://h/a.b")).toBe(true);
    expect(isClickHouseUrl("plays.csv")).toBe(false);
  });

  it.each([
    ["clickhouse://h:8123", /no \/db.table/],
    ["clickhouse://h:8123/plays", /"plays" is not db.table/],
    ["clickhouse://h:99999/a.b", /port 99999 is not in 1–65535/],
    ["clickhouse://h:8123/a.b?x=1", /query string/],
    ["clickhouse://h:8123/a-b.c", /database name "a-b"/],
    ["clickhouse://:8123/a.b", /host ":8123"/],
    ["clickhouse:///a.b", /no host/],
    ["clickhouse://u:%zz@h/a.b", /malformed %-escape/],
    ["clickhouse://@h/a.b", /empty user name/],
  ])("refuses %s", (url, message) => {
    expect(() => parseClickHouseUrl(url, {})).toThrow(message);
  });

  it("no message about a bad URL repeats its password", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9!$&'()*+,;=._~-]{6,12}$/), fc.constantFrom("", ":70000", "/", "/x", "/a.b?q", "/a-b.c", ":"), (password, tail) => {
        const url = `clickhouse://user:${password}@host${tail}`;
        try {
          parseClickHouseUrl(url, {});
        } catch (e) {
          expect((e as Error).message).not.toContain(password);
          return;
        }
        expect(tail === "" || tail.startsWith("/a.b")).toBe(false); // only well-formed tails parse
      }),
    );
  });
});
