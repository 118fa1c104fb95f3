package org.gongyi.deploy.bench;

import org.gongyi.deploy.LocalPlatform;
import org.gongyi.deploy.ServiceJvm;
import org.gongyi.deploy.demo.Workload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Footprint of each service (issue #23, benchmark 6), without and with its AOT cache, in one run on one machine:
 * <ul>
 *   <li>each service started alone after the other, with PostgreSQL and Kafka up: "started in" as Quarkus reports
 *   it, first on an empty database (migrations run), then again; resident memory (RSS) after that start and after the
 *   demo's mixed work ({@link Workload}: about 2,000 requests and events with the hot reads);</li>
 *   <li>the whole platform as {@code deploy/run-local.sh} starts it (the four services together and the gateway when
 *   nginx is there): "Platform ready", on new data and again.</li>
 * </ul>
 * Prints both tables and writes {@code deploy/target/bench/footprint.json}. About five minutes.
 */
public final class Footprint {

    public static final double TARGET_START_SECONDS = 3.0;
    public static final long TARGET_RSS_MB = 250;
    public static final double TARGET_PLATFORM_READY_SECONDS = 10.0;
    /** The mixed work before the memory is read: the demo at 40 events a second for 30 s, then 25 rounds of reads. */
    static final double LOAD_RATE = 40;

    static final Duration LOAD_LENGTH = Duration.ofSeconds(30);
    static final int LOAD_READS = 25;
    private static final Pattern STARTED = Pattern.compile("started in (\\d+[.,]\\d+)s");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One service's figures at one start (the launcher IT's smoke check reads these). */
    public record Row(String service, String start, double startedInSeconds, long rssMb, boolean withinTargets) {}

    /** One service alone, with or without its AOT cache. */
    public record ServiceRow(
            String service,
            String aotCache,
            double firstStartSeconds,
            double againStartSeconds,
            long rssAfterStartMb,
            long rssAfterLoadMb,
            long loadRequests,
            long loadEvents,
            boolean withinTargets) {}

    /** The whole platform's start, with or without the AOT caches. */
    public record PlatformRow(
            String aotCache, String start, double readySeconds, boolean gateway, boolean withinTarget) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        // without and with the caches (default), or only one of them: off | on
        List<ServiceJvm.AotMode> modes = args.length > 1
                ? List.of(ServiceJvm.AotMode.of(args[1]))
                : List.of(ServiceJvm.AotMode.OFF, ServiceJvm.AotMode.ON);
        List<ServiceRow> services = new ArrayList<>();
        List<PlatformRow> platforms = new ArrayList<>();
        for (ServiceJvm.AotMode mode : modes) {
            services.addAll(servicesAlone(root, mode));
        }
        for (ServiceJvm.AotMode mode : modes) {
            platforms.addAll(platformStarts(root, mode));
        }
        System.out.printf(
                "%n%-18s %-9s %10s %10s %14s %13s  %s%n",
                "service",
                "AOT cache",
                "first",
                "again",
                "RSS started",
                "RSS loaded",
                "targets (≤ " + TARGET_START_SECONDS + " s, ≤ " + TARGET_RSS_MB + " MB)");
        for (ServiceRow r : services) {
            System.out.printf(
                    Locale.ROOT,
                    "%-18s %-9s %8.2f s %8.2f s %11d MB %10d MB  %s%n",
                    r.service(),
                    r.aotCache(),
                    r.firstStartSeconds(),
                    r.againStartSeconds(),
                    r.rssAfterStartMb(),
                    r.rssAfterLoadMb(),
                    r.withinTargets() ? "met" : "missed");
        }
        ServiceRow any = services.get(0);
        System.out.printf(
                Locale.ROOT,
                "(loaded: after %,d requests and %,d events of mixed work)%n",
                any.loadRequests(),
                any.loadEvents());
        System.out.printf(
                "%n%-9s %-26s %12s %8s  %s%n",
                "AOT cache",
                "platform start",
                "ready in",
                "gateway",
                "target (≤ " + TARGET_PLATFORM_READY_SECONDS + " s)");
        for (PlatformRow r : platforms) {
            System.out.printf(
                    Locale.ROOT,
                    "%-9s %-26s %10.1f s %8s  %s%n",
                    r.aotCache(),
                    r.start(),
                    r.readySeconds(),
                    r.gateway() ? "yes" : "no",
                    r.withinTarget() ? "met" : "missed");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("jvmOptions", String.join(" ", ServiceJvm.OPTIONS));
        extra.put("java", System.getProperty("java.vm.version"));
        extra.put("platforms", platforms);
        System.out.println("\nwritten: " + Results.write(root, "footprint", "footprint", extra, services));
    }

    /** Each service started alone, first on an empty database and again, then loaded; its memory at each step. */
    static List<ServiceRow> servicesAlone(Path root, ServiceJvm.AotMode mode) throws Exception {
        Map<String, String> env = environment(mode);
        env.put("GONGYI_GATEWAY", "off");
        env.put("GONGYI_START", "sequential");
        List<ServiceRow> rows = new ArrayList<>();
        LocalPlatform platform = new LocalPlatform(root, env);
        try {
            System.out.printf(
                    "%n== each service alone, AOT cache %s ==%n", mode.name().toLowerCase(Locale.ROOT));
            platform.start();
            Map<String, Double> first = new LinkedHashMap<>();
            for (LocalPlatform.ServiceProcess p : platform.processes()) {
                first.put(p.service().name(), startedIn(p.logFile()));
            }
            Map<String, Double> again = new LinkedHashMap<>();
            Map<String, Long> rssStarted = new LinkedHashMap<>();
            for (LocalPlatform.Service s : platform.services()) {
                platform.kill(s.role());
                platform.restart(s.role(), env.getOrDefault("GONGYI_JAVA_OPTS", ""));
                LocalPlatform.ServiceProcess p = process(platform, s);
                again.put(s.name(), startedIn(p.logFile()));
                rssStarted.put(s.name(), rssMb(p.pid()));
            }
            Workload.Done load = Workload.run(
                    platform.portsByGatewayName(),
                    platform.bootstrapServers(),
                    platform.issuer(),
                    LOAD_RATE,
                    LOAD_LENGTH,
                    0,
                    LOAD_READS,
                    new PrintStream(OutputStream.nullOutputStream()));
            for (LocalPlatform.Service s : platform.services()) {
                long loaded = rssMb(process(platform, s).pid());
                if (env.containsKey("GONGYI_FOOTPRINT_DETAIL")) {
                    detail(
                            root,
                            process(platform, s).pid(),
                            s.name() + "-" + mode.name().toLowerCase(Locale.ROOT));
                }
                double start = again.get(s.name());
                rows.add(new ServiceRow(
                        s.name(),
                        mode.name().toLowerCase(Locale.ROOT),
                        first.get(s.name()),
                        start,
                        rssStarted.get(s.name()),
                        loaded,
                        load.requests(),
                        load.events(),
                        start <= TARGET_START_SECONDS && loaded <= TARGET_RSS_MB));
            }
        } finally {
            platform.close();
            platform.deleteData();
        }
        return rows;
    }

    /** The whole platform started as the launcher does, on new data and again on the same data. */
    static List<PlatformRow> platformStarts(Path root, ServiceJvm.AotMode mode) {
        Map<String, String> env = environment(mode);
        List<PlatformRow> rows = new ArrayList<>();
        for (String start : List.of("first (new data)", "again")) {
            System.out.printf(
                    "%n== the platform, AOT cache %s, %s ==%n", mode.name().toLowerCase(Locale.ROOT), start);
            LocalPlatform platform = new LocalPlatform(root, env);
            try {
                platform.start();
                double ready = platform.readyIn().toMillis() / 1000.0;
                rows.add(new PlatformRow(
                        mode.name().toLowerCase(Locale.ROOT),
                        start,
                        ready,
                        platform.gateway() != null,
                        ready <= TARGET_PLATFORM_READY_SECONDS));
            } finally {
                platform.close();
                if (start.equals("again")) {
                    platform.deleteData();
                }
            }
        }
        return rows;
    }

    /** A scratch platform's environment: its own home and free ports, the launcher's defaults otherwise. */
    private static Map<String, String> environment(ServiceJvm.AotMode mode) {
        Map<String, String> env;
        try {
            env = LocalPlatform.ownPlatform(System.getenv(), Files.createTempDirectory("gongyi-bench-footprint-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("GONGYI_AOT", mode.name().toLowerCase(Locale.ROOT));
        env.remove("GONGYI_SERVICES");
        return env;
    }

    private static LocalPlatform.ServiceProcess process(LocalPlatform platform, LocalPlatform.Service s) {
        return platform.processes().stream()
                .filter(p -> p.service().role().equals(s.role()))
                .findFirst()
                .orElseThrow();
    }

    /** The figures of every running service: its latest start as its log reports it, its RSS after 200 requests. */
    public static List<Row> measure(LocalPlatform platform, String start) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (LocalPlatform.ServiceProcess p : platform.processes()) {
            for (int i = 0; i < 200; i++) {
                HTTP.send(
                        HttpRequest.newBuilder(p.service().management("/q/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            double started = startedIn(p.logFile());
            long rss = rssMb(p.pid());
            rows.add(new Row(
                    p.service().name(), start, started, rss, started <= TARGET_START_SECONDS && rss <= TARGET_RSS_MB));
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

    /**
     * Where a loaded service's memory is ({@code GONGYI_FOOTPRINT_DETAIL=1}): its mappings' totals, the JVM's heap and,
     * with {@code GONGYI_JAVA_OPTS=-XX:NativeMemoryTracking=summary}, its native memory, then the heap's largest
     * classes (a full collection first), in {@code deploy/target/bench/footprint-<service>-<cache>.txt}.
     */
    static void detail(Path root, long pid, String name) throws IOException, InterruptedException {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        StringBuilder out = new StringBuilder(Files.readString(Path.of("/proc", String.valueOf(pid), "smaps_rollup")));
        for (String command : List.of("GC.heap_info", "VM.native_memory summary", "GC.class_histogram")) {
            List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
            cmd.addAll(List.of(command.split(" ")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines =
                    new String(p.getInputStream().readAllBytes()).lines().toList();
            p.waitFor();
            // the histogram's largest classes and its total
            List<String> kept = !command.equals("GC.class_histogram") || lines.size() <= 60
                    ? lines
                    : new ArrayList<>(lines.subList(0, 60));
            if (kept != lines) {
                kept.add("…");
                kept.add(lines.get(lines.size() - 1));
            }
            out.append("\n== jcmd ")
                    .append(command)
                    .append(" ==\n")
                    .append(String.join("\n", kept))
                    .append('\n');
        }
        Path file = root.resolve("deploy/target/bench/footprint-" + name + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
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
