package org.gongyi.deploy.bench;

import org.gongyi.deploy.LocalPlatform;
import org.gongyi.infra.Ports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Footprint of each service (issue #11, benchmark 6): start-up time as Quarkus reports it ("started in") and the
 * resident set size after start-up and 200 requests, each service started alone after the other (PostgreSQL and
 * Kafka up), first on an empty database (migrations run) and again on the migrated one; the JVM options of the local
 * launcher ({@code -Xmx192m -XX:+UseSerialGC}). Prints a table and writes {@code deploy/target/bench/footprint.json}.
 */
public final class Footprint {

    public static final double TARGET_START_SECONDS = 3.0;
    public static final long TARGET_RSS_MB = 250;
    private static final Pattern STARTED = Pattern.compile("started in (\\d+[.,]\\d+)s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One service's figures. */
    public record Row(String service, String start, double startedInSeconds, long rssMb, boolean withinTargets) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("gongyi-bench-footprint-");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GONGYI_HOME", home.toString());
        env.put("GONGYI_GATEWAY", "off");
        env.put("GONGYI_START", "sequential");
        env.put("GONGYI_PG_PORT", String.valueOf(Ports.free()));
        int kafka = Ports.free();
        while (!Ports.isFree(kafka + 1)) {
            kafka = Ports.free();
        }
        env.put("GONGYI_KAFKA_PORT", String.valueOf(kafka));
        for (LocalPlatform.Service s : LocalPlatform.SERVICES) {
            env.put(s.envPrefix() + "_HTTP_PORT", String.valueOf(Ports.free()));
        }
        List<Row> rows = new ArrayList<>();
        try (LocalPlatform platform = new LocalPlatform(root, env)) {
            platform.start();
            rows.addAll(measure(platform, "first (migrations)"));
            for (LocalPlatform.Service s : platform.services()) {
                platform.kill(s.role());
                platform.restart(s.role(), env.getOrDefault("GONGYI_JAVA_OPTS", ""));
            }
            rows.addAll(measure(platform, "again (migrated)"));
        }
        System.out.printf("%n%-18s %-20s %12s %9s  %s%n", "service", "start", "started in", "RSS", "targets (≤ "
                + TARGET_START_SECONDS + " s, ≤ " + TARGET_RSS_MB + " MB)");
        for (Row r : rows) {
            System.out.printf("%-18s %-20s %10.2f s %6d MB  %s%n", r.service(), r.start(), r.startedInSeconds(), r.rssMb(),
                    r.withinTargets() ? "met" : "missed");
        }
        System.out.println("\nwritten: " + Results.write(root, "footprint", "footprint",
                Map.of("jvmOptions", "-Xmx192m -XX:+UseSerialGC"), rows));
    }

    /** The figures of every running service: its latest start as its log reports it, its RSS after 200 requests. */
    public static List<Row> measure(LocalPlatform platform, String start) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (LocalPlatform.ServiceProcess p : platform.processes()) {
            for (int i = 0; i < 200; i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.service().port() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            }
            double started = startedIn(p.logFile());
            long rss = rssMb(p.pid());
            rows.add(new Row(p.service().name(), start, started, rss,
                    started <= TARGET_START_SECONDS && rss <= TARGET_RSS_MB));
        }
        return rows;
    }

    /** The last "started in" of the log (the latest start of the service). */
    static double startedIn(Path log) throws IOException {
        Matcher m = STARTED.matcher(Files.readString(log));
        double last = -1;
        while (m.find()) {
            last = Double.parseDouble(m.group(1).replace(',', '.'));
        }
        if (last < 0) {
            throw new IllegalStateException("no \"started in\" in " + log);
        }
        return last;
    }

    /** Resident set size of a process, from /proc (Linux). */
    static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }
}
