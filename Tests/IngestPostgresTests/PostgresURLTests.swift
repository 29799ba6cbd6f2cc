import IngestPostgres
import Testing

@Suite struct PostgresURLTests {
    @Test func everyPartFromTheURL() throws {
        let url = try PostgresURL("postgresql://news%20bot:p%40ss@db.internal:6543/archive", environment: [:])
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.user == "news bot")
        #expect(url.password == "p@ss")
        #expect(url.database == "archive")
        #expect(url.description == "postgresql://news%20bot@db.internal:6543/archive")
    }

    @Test func environmentFillsWhatTheURLLeavesOut() throws {
        let env = ["PGHOST": "pg.example", "PGPORT": "5544", "PGUSER": "ingest", "PGPASSWORD": "secret", "PGDATABASE": "news"]
        let url = try PostgresURL("postgres://", environment: env)
        #expect([url.host, String(url.port), url.user, url.password, url.database] == ["pg.example", "5544", "ingest", "secret", "news"])
        let partial = try PostgresURL("postgres://other@/", environment: env)
        #expect(partial.user == "other")
        #expect(partial.database == "news")
    }

    @Test func libpqDefaults() throws {
        let url = try PostgresURL("postgresql://", environment: ["USER": "alice"])
        #expect([url.host, String(url.port), url.user, url.database] == ["localhost", "5432", "alice", "alice"])
        #expect(url.password == nil)
    }

    @Test func unixSocketDirectoryAsHost() throws {
        let url = try PostgresURL("postgresql:///news?host=/var/run/postgresql", environment: ["USER": "u"])
        #expect(url.host == "/var/run/postgresql")
        #expect(url.description == "postgresql://u@/news?host=/var/run/postgresql")
    }

    @Test func refusals() {
        #expect(throws: PostgresStoreError.self) { try PostgresURL("postgresql://h/a/b", environment: [:]) }
        #expect(throws: PostgresStoreError.self) { try PostgresURL("postgresql://h/db?sslmode=require", environment: [:]) }
        #expect(throws: PostgresStoreError.self) { try PostgresURL("postgresql://h/db", environment: ["PGPORT": "x"]) }
        #expect(throws: PostgresStoreError.self) { try PostgresURL("mysql://h/db", environment: [:]) }
    }

    @Test func whatCountsAsAPostgresLocation() {
        #expect(PostgresURL.isPostgres("postgresql://h/db"))
        #expect(PostgresURL.isPostgres("POSTGRES://h/db"))
        #expect(!PostgresURL.isPostgres("./store"))
        #expect(!PostgresURL.isPostgres("postgresql:/relative"))
    }
}
