package org.gongyi.deploy;

import org.gongyi.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local gateway: a real nginx (Debian's package, or any nginx on the machine) in front of the services on one
 * port, configured from {@code deploy/gateway/nginx.conf.template}. Found as {@code GONGYI_NGINX}, on the PATH,
 * at {@code /usr/sbin/nginx}, or where {@code deploy/install-nginx.sh} unpacks it.
 */
public final class LocalGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);
    public static final int DEFAULT_PORT = 8080;

    private final int port;
    private final Process process;
    private final Path log;
    private final Path report;

    private LocalGateway(int port, Process process, Path log, Path report) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.report = report;
    }

    public int port() {
        return port;
    }

    /** The nginx binary to run, if there is one. */
    static Optional<Path> nginx(Map<String, String> env) {
        List<Path> candidates = new ArrayList<>();
        if (env.containsKey("GONGYI_NGINX")) {
            candidates.add(Path.of(env.get("GONGYI_NGINX")));
        }
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "nginx"));
            }
        }
        candidates.add(Path.of("/usr/sbin/nginx"));
        String cache = env.getOrDefault(
                "GONGYI_TOOLS",
                env.getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache") + "/gongyi");
        candidates.add(Path.of(cache, "nginx/usr/sbin/nginx"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** What to do when there is no nginx. */
    static String howToInstall() {
        return "nginx not found, so the gateway is not started (the services answer on their own ports). Install it: "
                + "deploy/install-nginx.sh (no root: unpacks Debian's package under ~/.cache/gongyi), or "
                + "sudo apt-get install nginx, or brew install nginx; or point GONGYI_NGINX at a binary";
    }

    /**
     * Requests a second each caller (bearer token) and each client address may send, bursts of twice as many passing
     * at once: {@code GONGYI_GATEWAY_CALLER_RATE} (20: far above what a person's app sends) and
     * {@code GONGYI_GATEWAY_ADDRESS_RATE} (500: many people share an address behind a carrier's NAT).
     */
    public record Limits(int callerRate, int addressRate) {
        public Limits {
            if (callerRate < 1 || addressRate < 1) {
                throw new IllegalArgumentException("gateway rates must be at least 1 request a second");
            }
        }

        static Limits from(Map<String, String> env) {
            return new Limits(
                    Integer.parseInt(env.getOrDefault("GONGYI_GATEWAY_CALLER_RATE", "20")),
                    Integer.parseInt(env.getOrDefault("GONGYI_GATEWAY_ADDRESS_RATE", "500")));
        }
    }

    /** Writes the configuration for the services' ports under {@code home/gateway} and starts nginx on it. */
    static LocalGateway start(
            Path root, Path home, Path nginx, int port, Map<String, Integer> servicePorts, Limits limits) {
        if (!Ports.isFree(port)) {
            throw new IllegalStateException("Port " + port + " for the gateway (GONGYI_GATEWAY_PORT) is in use: "
                    + "is the platform already running?");
        }
        try {
            Path run = home.resolve("gateway").toAbsolutePath();
            Path report = reportFiles(root);
            Path logs = home.resolve("logs").toAbsolutePath();
            Files.createDirectories(run);
            Files.createDirectories(logs);
            String conf = Files.readString(root.resolve("deploy/gateway/nginx.conf.template"))
                    .replace("{{RUN}}", run.toString())
                    .replace("{{LOGS}}", logs.toString())
                    .replace("{{GATEWAY_PORT}}", String.valueOf(port))
                    .replace("{{REPORT}}", report.toString())
                    .replace("{{CALLER_RATE}}", String.valueOf(limits.callerRate()))
                    .replace("{{CALLER_BURST}}", String.valueOf(2 * limits.callerRate()))
                    .replace("{{ADDRESS_RATE}}", String.valueOf(limits.addressRate()))
                    .replace("{{ADDRESS_BURST}}", String.valueOf(2 * limits.addressRate()));
            for (Map.Entry<String, Integer> e : servicePorts.entrySet()) {
                conf = conf.replace("{{" + e.getKey().toUpperCase() + "_PORT}}", String.valueOf(e.getValue()));
            }
            if (conf.contains("{{")) {
                throw new IllegalStateException("unfilled placeholder in the gateway configuration: "
                        + conf.substring(conf.indexOf("{{"), conf.indexOf("}}", conf.indexOf("{{")) + 2));
            }
            Files.writeString(run.resolve("nginx.conf"), conf);
            Files.copy(
                    root.resolve("deploy/gateway/proxy-headers.conf"),
                    run.resolve("proxy-headers.conf"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path log = logs.resolve("gateway.log");
            List<String> command = List.of(
                    nginx.toString(),
                    "-e",
                    logs.resolve("gateway-error.log").toString(),
                    "-p",
                    run.toString(),
                    "-c",
                    run.resolve("nginx.conf").toString());
            Process test = new ProcessBuilder(concat(command, "-t"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!test.waitFor(30, TimeUnit.SECONDS) || test.exitValue() != 0) {
                throw new IllegalStateException("nginx rejected the gateway configuration; see " + log);
            }
            LOG.info("Starting the gateway (nginx) on port {} (log: {})", port, logs.resolve("gateway-access.log"));
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            LocalGateway gateway = new LocalGateway(port, p, log, report);
            gateway.awaitListening(Duration.ofSeconds(20));
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The live report's files ({@code deploy/report}), with Chart.js installed from the npm registry by its lock file
     * ({@code npm ci}) when it is not there yet; without npm the page is served without its charts.
     */
    static Path reportFiles(Path root) throws IOException, InterruptedException {
        Path report = root.resolve("deploy/report").toAbsolutePath();
        if (!Files.exists(report.resolve("node_modules/chart.js/dist/chart.umd.min.js"))) {
            LOG.info("Installing the live report's packages (npm ci in {})", report);
            Path log = Files.createTempFile("gongyi-npm-", ".log");
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(report.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    LOG.warn(
                            "npm ci failed in {}, so the live report has no charts: {}", report, Files.readString(log));
                }
            } catch (IOException noNpm) {
                LOG.warn(
                        "npm not found, so the live report has no charts: install Node.js and run npm ci in {}",
                        report);
            } finally {
                Files.deleteIfExists(log);
            }
        }
        return readableByWorkers(report);
    }

    /** The report's files nginx serves, relative to deploy/report. */
    private static final List<String> REPORT_FILES = List.of(
            "index.html",
            "report.js",
            "report.css",
            "alert.html",
            "alert.js",
            "alert.css",
            "certificate.html",
            "certificate.js",
            "certificate.css",
            "node_modules/chart.js/dist/chart.umd.min.js");

    /**
     * nginx started as root runs its workers as another user, who cannot read a checkout under a private folder
     * (root's home, mode 700): they are then served a world-readable copy of the report's files.
     */
    static Path readableByWorkers(Path report) throws IOException {
        boolean readable = true;
        for (Path dir = report; dir != null && readable; dir = dir.getParent()) {
            readable = Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE);
        }
        if (readable) {
            return report;
        }
        var dirs = PosixFilePermissions.fromString("rwxr-xr-x");
        var files = PosixFilePermissions.fromString("rw-r--r--");
        Path copy = Files.createTempDirectory("gongyi-report-");
        for (String name : REPORT_FILES) {
            Path source = report.resolve(name);
            if (Files.exists(source)) {
                Path target = copy.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(target, files);
            }
        }
        try (var paths = Files.walk(copy)) {
            for (Path dir : paths.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, dirs);
            }
        }
        LOG.info("The live report is served from a copy nginx's workers can read: {}", copy);
        return copy;
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> all = new ArrayList<>(a);
        all.add(b);
        return all;
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                LOG.info("gateway is ready");
                return;
            } catch (IOException e) {
                LocalPlatform.sleep(200);
            }
        }
        throw new IllegalStateException("the gateway is not listening after " + timeout.toSeconds() + " s; see " + log);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (report.getFileName().toString().startsWith("gongyi-report-")) {
            try (var paths = Files.walk(report)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", report, e.toString());
            }
        }
    }
}
