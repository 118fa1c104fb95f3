package org.gongyi.deploy;

import org.gongyi.events.Topic;
import org.gongyi.infra.DevTokenIssuer;
import org.gongyi.infra.EmbeddedKafka;
import org.gongyi.infra.EmbeddedKafka.TopicSpec;
import org.gongyi.infra.EmbeddedPostgresServer;
import org.gongyi.infra.EmbeddedPostgresServer.ServiceAccount;
import org.gongyi.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole platform on this machine: a real PostgreSQL server and a real Kafka broker (both embedded, data
 * kept under {@code GONGYI_HOME}, default {@code .gongyi}), or external ones from the environment, then the four
 * services as child processes from their packaged jars. Stops everything on Ctrl-C.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    /**
     * A service of the platform: its module, database role/schema, API port and management port (health and metrics,
     * nothing else: the API port and the gateway never serve them).
     */
    public record Service(String name, String role, int port, int managementPort) {
        public String envPrefix() {
            return role.toUpperCase();
        }

        /** A URL on the service's management interface, e.g. {@code /q/health/ready} or {@code /q/metrics}. */
        public URI management(String path) {
            return URI.create("http://127.0.0.1:" + managementPort + path);
        }

        /** Its path under the gateway, {@code /api/<gatewayName>/…} (deploy/gateway/nginx.conf.template). */
        public String gatewayName() {
            return role.equals("donation") ? "donations" : role;
        }
    }

    /**
     * The services and their default ports; {@code <ROLE>_HTTP_PORT} and {@code <ROLE>_MANAGEMENT_PORT} (e.g.
     * DONATION_HTTP_PORT) override them.
     */
    public static final List<Service> SERVICES = List.of(
            new Service("donation-service", "donation", 8081, 9081),
            new Service("forest-service", "forest", 8082, 9082),
            new Service("reunion-service", "reunion", 8083, 9083),
            new Service("volunteer-service", "volunteer", 8084, 9084));

    private final Path root;
    private final Path home;
    private final Map<String, String> env;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private String bootstrapServers;
    private DevTokenIssuer issuer;
    private LocalGateway gateway;
    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();
    /** Crashed services are started again by this, one policy per service (see {@link #supervise}). */
    private final Map<String, RestartPolicy> restartPolicies = new ConcurrentHashMap<>();

    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService supervisor = Executors.newScheduledThreadPool(1 + SERVICES.size(), r -> {
        Thread t = new Thread(r, "gongyi-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final List<Service> services;
    private final ServiceJvm.AotMode aot;
    private final Duration readyTimeout;
    private volatile boolean closed;
    private Duration readyIn;

    public LocalPlatform(Path root, Map<String, String> env) {
        this.root = root.toAbsolutePath().normalize();
        this.env = env;
        this.home =
                this.root.resolve(env.getOrDefault("GONGYI_HOME", ".gongyi")).normalize();
        // GONGYI_SERVICES=donation,forest runs only those (a benchmark measures one service alone)
        List<String> only = List.of(env.getOrDefault("GONGYI_SERVICES", "").split("\\s*,\\s*"));
        this.services = SERVICES.stream()
                .filter(s -> only.equals(List.of("")) || only.contains(s.role()))
                .map(s -> new Service(
                        s.name(),
                        s.role(),
                        Integer.parseInt(env.getOrDefault(s.envPrefix() + "_HTTP_PORT", String.valueOf(s.port()))),
                        Integer.parseInt(env.getOrDefault(
                                s.envPrefix() + "_MANAGEMENT_PORT", String.valueOf(s.managementPort())))))
                .toList();
        // GONGYI_AOT: on (each service uses its AOT cache), off, or record (a training run writes new caches)
        this.aot = ServiceJvm.AotMode.of(env.getOrDefault("GONGYI_AOT", "on"));
        this.readyTimeout = Duration.ofSeconds(Long.parseLong(env.getOrDefault("GONGYI_READY_TIMEOUT_S", "180")));
    }

    public List<Service> services() {
        return services;
    }

    /**
     * The environment of a platform of its own beside any other on the machine (tests, training, benchmarks):
     * {@code base} with the home {@code home} and distinct free ports for PostgreSQL, Kafka and its controller, the
     * services and the gateway.
     */
    public static Map<String, String> ownPlatform(Map<String, String> base, Path home) {
        Map<String, String> env = new HashMap<>(base);
        env.put("GONGYI_HOME", home.toString());
        try (Ports.Picker ports = new Ports.Picker()) {
            env.put("GONGYI_PG_PORT", String.valueOf(ports.one()));
            env.put("GONGYI_KAFKA_PORT", String.valueOf(ports.pair()));
            env.put("GONGYI_GATEWAY_PORT", String.valueOf(ports.one()));
            for (Service s : SERVICES) {
                env.put(s.envPrefix() + "_HTTP_PORT", String.valueOf(ports.one()));
                env.put(s.envPrefix() + "_MANAGEMENT_PORT", String.valueOf(ports.one()));
            }
        }
        return env;
    }

    /** The running services' ports by their gateway names, for clients that call them without the gateway. */
    public Map<String, Integer> portsByGatewayName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s.gatewayName(), s.port()));
        return ports;
    }

    public static void main(String[] args) {
        LocalPlatform platform = new LocalPlatform(Path.of(args.length > 0 ? args[0] : "."), System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "gongyi-shutdown"));
        try {
            platform.start();
        } catch (RuntimeException e) {
            LOG.error("Could not start the platform: {}", e.getMessage());
            System.exit(1);
        }
        platform.printUrls();
        platform.watch();
    }

    public void start() {
        long t0 = System.nanoTime();
        for (Service s : services) {
            requireFreePort(s.port(), s.name());
            requireFreePort(s.managementPort(), s.name() + " (management)");
        }
        issuer = DevTokenIssuer.loadOrCreate(home.resolve("dev-issuer"));
        // PostgreSQL starts in its own processes while the broker starts in this JVM
        CompletableFuture<Void> database = CompletableFuture.runAsync(this::startDatabase);
        try {
            startKafka();
        } finally {
            try {
                database.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        LOG.info(String.format(Locale.ROOT, "PostgreSQL and Kafka ready in %.1f s", (System.nanoTime() - t0) / 1e9));
        // GONGYI_START=sequential starts one service after the other (each start measured alone: bench-footprint.sh)
        boolean sequential = env.getOrDefault("GONGYI_START", "parallel").equals("sequential");
        for (Service s : services) {
            ServiceProcess p = launch(s, serviceEnv(s));
            if (sequential) {
                p.awaitReady(readyTimeout);
            }
        }
        for (ServiceProcess p : processes) {
            p.awaitReady(readyTimeout);
        }
        startGateway();
        supervisor.scheduleWithFixedDelay(this::supervise, 500, 500, TimeUnit.MILLISECONDS);
        readyIn = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info(String.format(Locale.ROOT, "Platform ready in %.1f s", readyIn.toMillis() / 1000.0));
    }

    /** How long {@link #start()} took, from its call to every service ready and the gateway up. */
    public Duration readyIn() {
        return readyIn;
    }

    private ServiceProcess launch(Service s, Map<String, String> serviceEnv) {
        ServiceProcess p = ServiceProcess.launch(root, home.resolve("logs"), s, serviceEnv, aot);
        processes.add(p);
        return p;
    }

    private void startDatabase() {
        if (env.containsKey("GONGYI_DB_URL")) {
            LOG.info(
                    "Using external PostgreSQL {} (roles and schemas must exist; see docs/external-infra.md)",
                    env.get("GONGYI_DB_URL"));
            return;
        }
        int port = Integer.parseInt(env.getOrDefault("GONGYI_PG_PORT", "55432"));
        requireFreePort(port, "PostgreSQL (GONGYI_PG_PORT)");
        Path dir = home.resolve("data/postgres");
        LOG.info("Starting PostgreSQL on 127.0.0.1:{}, data in {}", port, dir);
        postgres = EmbeddedPostgresServer.start(dir, port, false);
        postgres.provision(services.stream()
                .map(s -> new ServiceAccount(s.role(), s.role()))
                .toList());
    }

    private void startKafka() {
        short replication = Short.parseShort(env.getOrDefault("GONGYI_TOPIC_REPLICATION_FACTOR", "1"));
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            bootstrapServers = env.get("KAFKA_BOOTSTRAP_SERVERS");
            LOG.info("Using external Kafka {}", bootstrapServers);
        } else {
            int port = Integer.parseInt(env.getOrDefault("GONGYI_KAFKA_PORT", "9092"));
            requireFreePort(port, "Kafka (GONGYI_KAFKA_PORT)");
            requireFreePort(port + 1, "Kafka controller (GONGYI_KAFKA_PORT + 1)");
            Path dir = home.resolve("data/kafka");
            LOG.info("Starting Kafka (KRaft) on 127.0.0.1:{}, data in {}", port, dir);
            kafka = EmbeddedKafka.start(dir, port);
            bootstrapServers = kafka.bootstrapServers();
        }
        // the platform's topic catalogue, with each topic's partitions and retention
        EmbeddedKafka.createTopics(
                bootstrapServers,
                replication,
                Arrays.stream(Topic.values())
                        .map(t -> new TopicSpec(t.topicName(), t.partitions(), t.config()))
                        .toList());
    }

    /**
     * The gateway in front of the services (GONGYI_GATEWAY: {@code on} by default, started when nginx is there;
     * {@code required} fails without nginx; {@code off}).
     */
    private void startGateway() {
        String mode = env.getOrDefault("GONGYI_GATEWAY", "on");
        if (mode.equals("off")) {
            return;
        }
        var nginx = LocalGateway.nginx(env);
        if (nginx.isEmpty()) {
            if (mode.equals("required")) {
                throw new IllegalStateException(LocalGateway.howToInstall());
            }
            LOG.warn(LocalGateway.howToInstall());
            return;
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Service s : SERVICES) {
            ports.put(
                    s.role(),
                    Integer.parseInt(env.getOrDefault(s.envPrefix() + "_HTTP_PORT", String.valueOf(s.port()))));
        }
        gateway = LocalGateway.start(
                root,
                home,
                nginx.get(),
                Integer.parseInt(env.getOrDefault("GONGYI_GATEWAY_PORT", String.valueOf(LocalGateway.DEFAULT_PORT))),
                ports,
                LocalGateway.Limits.from(env));
    }

    /** The gateway, or null when it was not started. */
    public LocalGateway gateway() {
        return gateway;
    }

    private Map<String, String> serviceEnv(Service s) {
        String p = s.envPrefix();
        String dbUrl = env.getOrDefault(
                p + "_DB_URL",
                env.getOrDefault(
                        "GONGYI_DB_URL", postgres == null ? "" : "postgresql://" + postgres.hostPortDatabase()));
        // the services' own settings given to the launcher (gongyi.* and quarkus.* as environment variables, e.g.
        // GONGYI_OUTBOX_SENT_RETENTION, GONGYI_BENCH_RAW_ROUTES) reach every service; what follows is per service
        Map<String, String> vars = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("GONGYI_") || name.startsWith("QUARKUS_")) {
                vars.put(name, value);
            }
        });
        vars.putAll(Map.of(
                "MP_JWT_VERIFY_PUBLICKEY", env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY", issuer.publicKeyPem()),
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "GONGYI_DB_URL", dbUrl,
                "QUARKUS_DATASOURCE_USERNAME", env.getOrDefault(p + "_DB_USER", s.role()),
                "QUARKUS_DATASOURCE_PASSWORD", env.getOrDefault(p + "_DB_PASSWORD", s.role())));
        // traces: to a local OpenTelemetry collector when one is given (every trace sampled), else none sampled
        // (trace ids still flow through requests, events and logs)
        // on this machine only: the gateway and the tools reach the services on loopback (GONGYI_HTTP_HOST=0.0.0.0
        // opens
        // them to the network)
        vars.put("QUARKUS_HTTP_HOST", env.getOrDefault("GONGYI_HTTP_HOST", "127.0.0.1"));
        // the page that verifies a certificate's number, printed on the certificates (the gateway's /certificates/)
        vars.putIfAbsent(
                "GONGYI_CERTIFICATES_PAGES",
                "http://localhost:"
                        + env.getOrDefault("GONGYI_GATEWAY_PORT", String.valueOf(LocalGateway.DEFAULT_PORT))
                        + "/certificates/");
        vars.put("QUARKUS_MANAGEMENT_HOST", env.getOrDefault("GONGYI_HTTP_HOST", "127.0.0.1"));
        // logs people read: text (production's are JSON), unless asked for JSON
        vars.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", env.getOrDefault("GONGYI_LOG_JSON", "false"));
        String otlp = env.get("GONGYI_OTLP_ENDPOINT");
        if (otlp != null && !otlp.isBlank()) {
            vars.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", otlp);
            // grpc (port 4317) or http/protobuf (4318, deploy/trace-collector.sh)
            vars.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", env.getOrDefault("GONGYI_OTLP_PROTOCOL", "grpc"));
            vars.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
            vars.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", env.getOrDefault("GONGYI_TRACE_RATIO", "1.0"));
        } else {
            vars.put("QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.0");
        }
        return vars;
    }

    /**
     * Kills a service's JVM at once ({@code kill -9}): no shutdown hook, no graceful close of consumers or pools. Not
     * started again by the launcher: {@link #restart} does that.
     */
    public void kill(String role) {
        ServiceProcess p = process(role);
        p.stopping = true;
        p.process.destroyForcibly();
        p.awaitStopped(Duration.ofSeconds(20));
        processes.remove(p);
    }

    /** Starts a service again (after {@link #kill}), with extra JVM options, and waits until it is ready. */
    public void restart(String role, String extraJavaOpts) {
        Service s =
                services.stream().filter(x -> x.role().equals(role)).findFirst().orElseThrow();
        Map<String, String> env = new HashMap<>(serviceEnv(s));
        env.put("GONGYI_JAVA_OPTS", extraJavaOpts);
        launch(s, env).awaitReady(readyTimeout);
    }

    private ServiceProcess process(String role) {
        return processes.stream()
                .filter(p -> p.service().role().equals(role))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(role + " is not running"));
    }

    /** The running service processes. */
    public List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    /** The embedded PostgreSQL server (null when external). */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** The embedded Kafka broker (null when external). */
    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** The dev issuer whose tokens the services accept in a local run. */
    public DevTokenIssuer issuer() {
        return issuer;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void printUrls() {
        StringBuilder b = new StringBuilder("\n  Gongyi is running (Ctrl-C stops everything)\n\n");
        if (gateway != null) {
            b.append(String.format(
                    "  gateway            http://localhost:%d/api/{donations,forest,reunion,volunteer}/…%n",
                    gateway.port()));
            b.append(String.format(
                    "  OpenAPI            http://localhost:%d/openapi/{donations,forest,reunion,volunteer}%n%n",
                    gateway.port()));
        } else {
            b.append("  gateway            not started (see above)\n\n");
        }
        for (Service s : services) {
            b.append(String.format(
                    "  %-18s http://localhost:%d   swagger: http://localhost:%d/q/swagger-ui%n",
                    s.name(), s.port(), s.port()));
        }
        b.append(String.format("%n  Kafka              %s%n", bootstrapServers));
        b.append(String.format(
                "  PostgreSQL         %s%n",
                postgres == null
                        ? env.get("GONGYI_DB_URL")
                        : "postgresql://" + postgres.hostPortDatabase() + " (role = schema = service short name)"));
        b.append(String.format("  logs               %s%n", home.resolve("logs")));
        b.append(String.format("  dev tokens         deploy/dev-token.sh <subject> <role>[,<role>…]%n"));
        System.out.println(b);
    }

    /** Blocks until Ctrl-C (crashed services are started again meanwhile: {@link #supervise}). */
    private void watch() {
        while (!closed) {
            sleep(1000);
        }
    }

    /**
     * A service that exited without being stopped or killed through the launcher is started again after its
     * {@link RestartPolicy}'s delay (1 s, doubling up to 30 s), as Kubernetes would; after its fifth crash within 5
     * minutes it is not, and the launcher says why. Runs every half second on the supervisor's thread.
     */
    private void supervise() {
        for (ServiceProcess p : processes) {
            if (closed || p.isAlive() || p.stopping) {
                continue;
            }
            processes.remove(p);
            Service s = p.service();
            RestartPolicy.Decision d = restartPolicies
                    .computeIfAbsent(s.role(), r -> RestartPolicy.standard())
                    .crashed(Instant.now());
            if (d.givesUp()) {
                RestartPolicy policy = restartPolicies.get(s.role());
                LOG.error(
                        "{} exited with code {}, its {} crash within {} min: not started again; the platform runs "
                                + "without it until it is restarted (see {})",
                        s.name(),
                        p.exitCode(),
                        ordinal(d.crashesInWindow()),
                        policy.window().toMinutes(),
                        p.logFile());
                continue;
            }
            LOG.warn(
                    "{} exited with code {}; starting it again in {} s ({} crash within {} min; see {})",
                    s.name(),
                    p.exitCode(),
                    d.delay().toSeconds(),
                    ordinal(d.crashesInWindow()),
                    restartPolicies.get(s.role()).window().toMinutes(),
                    p.logFile());
            supervisor.schedule(() -> startAgain(s), d.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void startAgain(Service s) {
        if (closed) {
            return;
        }
        try {
            launch(s, serviceEnv(s)).awaitReady(readyTimeout);
            int n = restarts.merge(s.role(), 1, Integer::sum);
            LOG.info("{} started again and ready (restart {} since the platform started)", s.name(), n);
        } catch (RuntimeException e) {
            // exited again (the next round counts it) or not ready in time
            LOG.error("{} did not come back: {}", s.name(), e.getMessage());
        }
    }

    /** How often the launcher started the service again after it crashed. */
    public int restarts(String role) {
        return restarts.getOrDefault(role, 0);
    }

    private static String ordinal(int n) {
        return n
                + (n % 100 >= 11 && n % 100 <= 13
                        ? "th"
                        : switch (n % 10) {
                            case 1 -> "st";
                            case 2 -> "nd";
                            case 3 -> "rd";
                            default -> "th";
                        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.shutdownNow();
        if (gateway != null) {
            LOG.info("Stopping the gateway …");
            gateway.close();
        }
        LOG.info(
                aot == ServiceJvm.AotMode.RECORD
                        ? "Stopping services (each writes its AOT cache) …"
                        : "Stopping services …");
        processes.forEach(ServiceProcess::stop);
        // a training JVM assembles its cache on the way out: up to a minute or two on a busy machine
        Duration stopTimeout = aot == ServiceJvm.AotMode.RECORD ? Duration.ofMinutes(5) : Duration.ofSeconds(20);
        processes.forEach(p -> p.awaitStopped(stopTimeout));
        if (kafka != null) {
            LOG.info("Stopping Kafka …");
            kafka.close();
        }
        if (postgres != null) {
            LOG.info("Stopping PostgreSQL …");
            postgres.close();
        }
        LOG.info("Stopped.");
    }

    /** After {@link #close}: deletes the PostgreSQL and Kafka data under the home (logs stay), as tests do. */
    public void deleteData() {
        Path data = home.resolve("data");
        if (!closed || !Files.exists(data)) {
            return;
        }
        // PostgreSQL may still be writing its last files when pg_ctl gave up waiting (a busy machine): it removes
        // postmaster.pid when it is done
        Path pid = data.resolve("postgres/postmaster.pid");
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (Files.exists(pid) && System.nanoTime() < deadline) {
            sleep(100);
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", data, e.toString());
        }
    }

    private static void requireFreePort(int port, String what) {
        if (!Ports.isFree(port)) {
            throw new IllegalStateException(
                    "Port " + port + " for " + what + " is in use: is the platform already running?");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One service JVM, started from {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    public static final class ServiceProcess {
        private final Service service;
        private final Process process;
        private final Path logFile;
        /** Stopped or killed through the launcher: not a crash. */
        private volatile boolean stopping;

        private ServiceProcess(Service service, Process process, Path logFile) {
            this.service = service;
            this.process = process;
            this.logFile = logFile;
        }

        static ServiceProcess launch(Path root, Path logs, Service s, Map<String, String> env, ServiceJvm.AotMode aot) {
            Path app = ServiceJvm.appDir(root, s.name());
            if (!Files.exists(app.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(
                        app.resolve("quarkus-run.jar") + " is missing: build first (./mvnw install -DskipTests)");
            }
            try {
                Files.createDirectories(logs);
                Path log = logs.resolve(s.name() + ".log");
                // extra JVM options, e.g. a flight recording: GONGYI_JAVA_OPTS='-XX:StartFlightRecording=...'
                String extra = env.getOrDefault("GONGYI_JAVA_OPTS", System.getenv("GONGYI_JAVA_OPTS"));
                List<String> extraOptions = extra == null || extra.isBlank()
                        ? List.of()
                        : List.of(extra.trim().split("\\s+"));
                if (aot == ServiceJvm.AotMode.RECORD) {
                    Files.deleteIfExists(ServiceJvm.aotCache(app));
                }
                ProcessBuilder pb = new ProcessBuilder(
                                ServiceJvm.command(app, aot, extraOptions, s.port(), s.managementPort()))
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                pb.environment().putAll(ServiceJvm.ENVIRONMENT);
                pb.environment().putAll(env);
                LOG.info("Starting {} on port {} (log: {})", s.name(), s.port(), log);
                return new ServiceProcess(s, pb.start(), log);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Service service() {
            return service;
        }

        public Path logFile() {
            return logFile;
        }

        public long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        int exitCode() {
            return process.exitValue();
        }

        void awaitReady(Duration timeout) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest ready = HttpRequest.newBuilder(service.management("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            service.name() + " exited with code " + process.exitValue() + "; see " + logFile);
                }
                try {
                    HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        LOG.info("{} is ready", service.name());
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                sleep(100);
            }
            throw new IllegalStateException(
                    service.name() + " not ready after " + timeout.toSeconds() + " s; see " + logFile);
        }

        void stop() {
            stopping = true;
            if (process.isAlive()) {
                process.destroy();
            }
        }

        void awaitStopped(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
