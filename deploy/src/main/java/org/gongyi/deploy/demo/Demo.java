package org.gongyi.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongyi.deploy.LocalRun;
import org.gongyi.deploy.bench.PurchaseLoad;
import org.gongyi.deploy.bench.Purchases;
import org.gongyi.infra.DevTokenIssuer;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The demo traffic generator ({@code deploy/demo.sh [events per second] [seconds]}): seeds the catalogue through the
 * public APIs, then produces a realistic stream at the chosen rate for the chosen time, as the platform's real
 * clients would — purchases and refunds from the shop and low-carbon actions from partner apps on their Kafka
 * topics; volunteers signing up (taking the year's 3-hour pledge with their first) and being checked in, the public
 * sending leads, police publishing a missing child
 * who is found, and Green Forest users collecting energy with their friends and planting trees over HTTP through
 * the gateway; an admin settles the projects' periods halfway and at the end, so the payouts buy the programmes'
 * covers and grants. Each run defines a campaign (9.5公益周) that counts its traffic, and a sponsor funds a pool of lucky
 * bags (福包) for it, which some of those taking part open. A progress bar while it runs, and a closing summary read
 * back from the platform.
 */
public final class Demo {

    static final double ZHENGZHOU_LAT = 34.7466;
    static final double ZHENGZHOU_LON = 113.6254;
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Provinces by weight (roughly online shoppers), in the platform's spelling. */
    private static final String[] PROVINCES = {
        "Guangdong",
        "Zhejiang",
        "Jiangsu",
        "Shandong",
        "Henan",
        "Sichuan",
        "Hebei",
        "Hubei",
        "Fujian",
        "Hunan",
        "Shanghai",
        "Beijing",
        "Anhui",
        "Liaoning",
        "Shaanxi",
        "Jiangxi",
        "Chongqing",
        "Guangxi",
        "Yunnan",
        "Shanxi",
        "Tianjin",
        "Guizhou",
        "Heilongjiang",
        "Jilin",
        "Inner Mongolia",
        "Xinjiang",
        "Gansu",
        "Hainan",
        "Ningxia",
        "Qinghai",
        "Tibet"
    };

    private static final long[] PRICES_FEN = {990, 1990, 2990, 3990, 5990, 9900, 12900, 19900, 29900, 59900};

    /** The demo's campaigns' names start so; each run's ends with its start (China Standard Time). */
    public static final String CAMPAIGN = "9.5公益周 Charity Week demo";

    /** The sponsor of the campaign's pool of lucky bags. */
    public static final String SPONSOR = "demo-sponsor";

    /** The systems of the campaign's actions, as its counter orders them; each one printed. */
    public static final List<String> CAMPAIGN_SYSTEMS = List.of("DONATION", "FOREST", "REUNION", "VOLUNTEER");

    /**
     * What was sent, and the platform's figures once it has taken everything in; {@code campaign}: the run's campaign's
     * counter ({@code GET /api/volunteer/campaigns/{id}}); {@code luckyBags}: what its people's tries at its lucky bags
     * were answered.
     */
    public record Summary(
            long purchases,
            long refunds,
            long actions,
            long signUps,
            long checkIns,
            long pledges,
            long leads,
            long trees,
            long protectedM2,
            int casesPublished,
            int casesFound,
            int phones,
            long requests,
            Map<String, JsonNode> totals,
            Programmes programmes,
            JsonNode campaign,
            LuckyBags luckyBags,
            Reunion reunion,
            Forest forest,
            List<Find> finds) {

        /** The events sent to the platform's Kafka topics. */
        public long events() {
            return purchases + refunds + actions;
        }
    }

    /**
     * Every beneficiary programme's figures summed: insurance's households covered and covers bought, the claims paid,
     * mothers' businesses' mothers helped and grants; the shops' sales and jobs null unless a programme reports them
     * (one that does not counts 0).
     */
    public record Programmes(
            long householdsCovered,
            long covers,
            long claims,
            long claimsPaidFen,
            long mothersHelped,
            long grants,
            Long shopSalesFen,
            Long jobs) {

        static Programmes of(List<JsonNode> programmes) {
            return new Programmes(
                    sum(programmes, "HEALTH_INSURANCE", "helpedCount"),
                    sum(programmes, "HEALTH_INSURANCE", "benefitCount"),
                    sum(programmes, null, "claimCount"),
                    sum(programmes, null, "claimsPaidFen"),
                    sum(programmes, "MOTHERS_BUSINESS", "helpedCount"),
                    sum(programmes, "MOTHERS_BUSINESS", "benefitCount"),
                    reported(programmes, "shopSalesFen") ? sum(programmes, null, "shopSalesFen") : null,
                    reported(programmes, "jobCount") ? sum(programmes, null, "jobCount") : null);
        }

        private static long sum(List<JsonNode> programmes, String kind, String field) {
            return programmes.stream()
                    .filter(p -> kind == null || kind.equals(p.path("kind").asText()))
                    .mapToLong(p -> p.path(field).asLong())
                    .sum();
        }

        private static boolean reported(List<JsonNode> programmes, String field) {
            return programmes.stream().anyMatch(p -> p.hasNonNull(field));
        }
    }

    /**
     * The run's tries at its campaign's lucky bags, as they were answered: {@code drawn} a chance (200), of them
     * {@code opened} a bag and donated {@code openedFen}; {@code refused} 409 (no chance yet, or no bag open now) and
     * {@code dailyLimit} 429 (the pool's bags a person a day). {@code poolId}: the pool of {@code bags} bags.
     */
    public record LuckyBags(
            String poolId,
            long bags,
            long tries,
            long drawn,
            long opened,
            long openedFen,
            long refused,
            long dailyLimit) {}

    /**
     * The run's missing children as the public finds them: each alert's page ({@code pages}: links through the
     * gateway, {@code /alerts/{id}}); the families' reports to the demo's agency ({@code reports}, of them
     * {@code published} as a case and {@code declined}); the leads its police marked handled, by outcome.
     */
    public record Reunion(
            String agency,
            List<String> pages,
            long reports,
            long published,
            long declined,
            Map<String, Long> handledLeads) {}

    /**
     * The run's Green Forest friends: the last cohort's {@code hub}, who took from each friend's balls and was
     * watered by each; the shield items earned by the rule (own energy collected on 5 days of a week) in the run's
     * collections, and check-ins refused for a volunteer too far from the activity's place.
     */
    /**
     * The forest friends' run: the hub they water, waterings, shield items earned; the trees' certificates as their
     * holders share them ({@code certificatePages}: the check page of each, through the gateway).
     */
    public record Forest(String hub, long waterings, long shieldItemsEarned, List<String> certificatePages) {}

    /**
     * What a search or a friends' page answered at the end of the run: the path (through the gateway), the user it
     * was read as (null: public), how many rows it has, and the first few as {@link #row} shows them.
     */
    public record Find(String path, String as, long count, List<String> first) {}

    /** How many of a find's first rows are printed. */
    public static final int FIRST = 3;

    /** A row of a find as printed: a project's name, an activity's title, a standing, a feed entry. */
    public static String row(JsonNode row) {
        if (row.has("rank")) {
            return String.format(
                    Locale.ROOT,
                    "%d. %s %,d g %d tree(s)",
                    row.path("rank").asInt(),
                    row.path("userId").asText(),
                    row.path("weekGrams").asLong(),
                    row.path("trees").asLong());
        }
        if (row.has("kind") && row.has("friendId")) {
            return row.path("friendId").asText() + " " + row.path("kind").asText() + " "
                    + row.path("grams").asLong() + " g";
        }
        return row.has("title") ? row.path("title").asText() : row.path("name").asText();
    }

    /** The rows of an answer: a list, or a leaderboard's standings. */
    public static List<JsonNode> rows(JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        (answer.has("standings") ? answer.path("standings") : answer).forEach(rows::add);
        return rows;
    }

    /** The demo's police agency (its officers' tokens' {@code org}), to which the families report. */
    public static final String AGENCY = "demo-psb-zhengzhou";

    private final Api api;
    private final String pages;
    private final String bootstrap;
    private final DevTokenIssuer issuer;
    private final double rate;
    private final Duration length;
    private final PrintStream out;
    private final Random random = new Random();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private final AtomicLong purchases = new AtomicLong();
    private final AtomicLong refunds = new AtomicLong();
    private final AtomicLong actions = new AtomicLong();
    private final AtomicLong signUps = new AtomicLong();
    private final AtomicLong checkIns = new AtomicLong();
    private final AtomicLong pledges = new AtomicLong();
    private final AtomicLong leads = new AtomicLong();
    private final AtomicLong trees = new AtomicLong();
    private final AtomicLong protectedM2 = new AtomicLong();
    private final List<String[]> paid = new ArrayList<>(); // {orderId, buyer, item, paidFen}
    private final List<String[]> signedUp = new ArrayList<>(); // {activity index, user}, not yet checked in
    private final List<String[]> takingPart = new ArrayList<>(); // {person, role}: took part since the campaign's start
    private final AtomicLong bagTries = new AtomicLong();
    private final AtomicLong bagsDrawn = new AtomicLong();
    private final AtomicLong bagsOpened = new AtomicLong();
    private final AtomicLong bagsOpenedFen = new AtomicLong();
    private final AtomicLong bagsRefused = new AtomicLong();
    private final AtomicLong bagsDailyLimit = new AtomicLong();
    private Instant campaignStart = Instant.MAX;
    private final Set<String> everSignedUp = new HashSet<>();
    private final Set<String> pledged = new HashSet<>(); // volunteers who took the year's pledge in this run
    private int casesPublished;
    private int casesFound;
    private final List<String> alertPages = new ArrayList<>();
    private final List<String> certificatePages = new ArrayList<>();
    private long childReports;
    private long reportsPublished;
    private long reportsDeclined;
    private final Map<String, Long> handledLeads = new LinkedHashMap<>();
    private final AtomicLong checkInsTooFar = new AtomicLong();
    private final AtomicLong waterings = new AtomicLong();
    private final AtomicLong shieldItemsEarned = new AtomicLong();
    private volatile String forestHub;
    /** Events sent at once after the paced stream ({@link #thenAtOnce}). */
    private int atOnce;

    public Demo(
            String gateway, String bootstrap, DevTokenIssuer issuer, double rate, Duration length, PrintStream out) {
        this(Api.viaGateway(gateway), gateway, bootstrap, issuer, rate, length, out);
    }

    /**
     * A demo that calls each service on its own port ({@code portsByGatewayName}: {@code donations}, {@code forest},
     * {@code reunion}, {@code volunteer}), where there is no gateway: the AOT caches' training, the footprint bench.
     */
    public static Demo straightToServices(
            Map<String, Integer> portsByGatewayName,
            String bootstrap,
            DevTokenIssuer issuer,
            double rate,
            Duration length,
            PrintStream out) {
        return new Demo(
                Api.straightToServices(portsByGatewayName),
                "http://localhost:8080",
                bootstrap,
                issuer,
                rate,
                length,
                out);
    }

    private Demo(
            Function<String, URI> route,
            String pages,
            String bootstrap,
            DevTokenIssuer issuer,
            double rate,
            Duration length,
            PrintStream out) {
        if (rate <= 0 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("the rate and the length must be positive");
        }
        this.api = new Api(route);
        this.pages = pages;
        this.bootstrap = bootstrap;
        this.issuer = issuer;
        this.rate = rate;
        this.length = length;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        String gateway = LocalRun.gateway();
        Demo demo = new Demo(
                gateway, LocalRun.bootstrap(), LocalRun.issuer(), rate, Duration.ofSeconds(seconds), System.out);
        System.out.println("Live report: " + gateway + "/report/");
        demo.run();
    }

    /**
     * After the paced stream, {@code events} more purchases, refunds and actions (in the stream's proportions) sent
     * at once: the AOT training's corpus for a replay the size of a real one.
     */
    public Demo thenAtOnce(int events) {
        this.atOnce = events;
        return this;
    }

    /**
     * When the run's activities start: after the run (sign-ups close at the start), and no more than 25 minutes from
     * now, so that their check-in (open from 30 minutes before the start) is open all the run; a run longer than that
     * starts them a minute after its end, and its check-ins before the last half hour are refused (409, skipped).
     */
    static Instant activitiesStart(Instant now, Duration length) {
        Duration in = length.plus(Duration.ofMinutes(1));
        return now.plus(in.compareTo(Duration.ofMinutes(25)) < 0 ? Duration.ofMinutes(25) : in);
    }

    public Summary run() throws Exception {
        long t0 = System.nanoTime();
        out.println("Seeding the catalogue through the public APIs …");
        Catalogue catalogue = Catalogue.seed(api, issuer, activitiesStart(Instant.now(), length), 300, random);
        out.printf(
                "Seeded in %.1f s: %d charity projects, 2 programmes (%d households, %d mothers enrolled), "
                        + "%d items with donation rules, %d planting projects, %d volunteer activities, "
                        + "%d phones for alerts%n",
                (System.nanoTime() - t0) / 1e9,
                Catalogue.PROJECTS.length,
                Catalogue.HOUSEHOLDS,
                Catalogue.MOTHERS,
                catalogue.items.size(),
                catalogue.plantingBySpecies.size(),
                catalogue.activities.size(),
                catalogue.devices);
        JsonNode campaign = defineCampaign(catalogue);
        String campaignId = campaign.path("id").asText();
        JsonNode pool = fundLuckyBags(catalogue, campaign);

        ExecutorService http = Executors.newFixedThreadPool(4);
        ExecutorService forest = Executors.newSingleThreadExecutor();
        List<Future<?>> pending = new ArrayList<>();
        Instant start = Instant.now();
        long lengthMs = length.toMillis();
        // a missing child per started five minutes: published, its radius widening after a third, found after two
        long slotMs = Math.min(lengthMs, 300_000);
        // a cohort of forest friends every quarter of the run (at least 15 s apart)
        long cohortEveryMs = Math.max(15_000, lengthMs / 4);
        String caseId = null;
        String reportCaseId = null;
        long caseSlot = -1;
        long cohorts = 0;
        boolean settledHalfway = false;
        // tries at the lucky bags, spread from the campaign's start to the run's end
        long bagTriesPlanned = Math.max(10, Math.min(300, Math.round(rate * lengthMs / 1000.0 / 50)));
        long bagsFromMs = Duration.between(start, campaignStart).toMillis();
        long bagTriesSent = 0;
        double owed = 0;
        long lastTick = System.nanoTime();
        long lastBar = 0;
        try (KafkaProducer<String, String> kafka = Purchases.producer(bootstrap)) {
            while (true) {
                long elapsedMs = Duration.between(start, Instant.now()).toMillis();
                if (elapsedMs >= lengthMs) {
                    break;
                }
                long slot = elapsedMs / slotMs;
                if (slot != caseSlot && elapsedMs % slotMs < slotMs / 3) {
                    caseSlot = slot;
                    long widensInMs = Math.max(3_000, Math.min(slotMs / 3, 50 * 60_000));
                    caseId = publishCase(
                            catalogue, Instant.now().minus(Duration.ofHours(1)).plusMillis(widensInMs));
                    if (reportCaseId == null) {
                        reportCaseId = familiesReport(catalogue);
                    }
                } else if (caseId != null && elapsedMs % slotMs >= 2 * slotMs / 3) {
                    found(catalogue, caseId);
                    casesFound++;
                    caseId = null;
                }
                if (elapsedMs >= cohorts * cohortEveryMs) {
                    long cohort = cohorts++;
                    pending.add(forest.submit(() -> plantWithFriends(catalogue, cohort, kafka)));
                }
                if (!settledHalfway && elapsedMs >= lengthMs / 2) {
                    settledHalfway = true;
                    pending.add(http.submit(() -> settle(catalogue)));
                }
                long now = System.nanoTime();
                owed += rate * (now - lastTick) / 1e9;
                lastTick = now;
                while (owed >= 1) {
                    owed--;
                    String caseNow = caseId;
                    int dice = random.nextInt(100);
                    if (dice < 55) {
                        kafka.send(purchase(catalogue));
                    } else if (dice < 58 && !paid.isEmpty()) {
                        kafka.send(refund());
                    } else if (dice < 90) {
                        kafka.send(action());
                    } else if (dice < 96) {
                        pending.add(http.submit(() -> signUp(catalogue)));
                    } else if (dice < 99) {
                        pending.add(http.submit(() -> checkIn(catalogue)));
                    } else if (caseNow != null) {
                        pending.add(http.submit(() -> lead(caseNow)));
                    }
                }
                long bagTriesDue = elapsedMs < bagsFromMs
                        ? 0
                        : lengthMs <= bagsFromMs
                                ? bagTriesPlanned
                                : Math.min(
                                        bagTriesPlanned,
                                        1 + (elapsedMs - bagsFromMs) * bagTriesPlanned / (lengthMs - bagsFromMs));
                String[] opener;
                while (bagTriesSent < bagTriesDue && (opener = someoneTakingPart()) != null) {
                    bagTriesSent++;
                    String[] who = opener;
                    pending.add(http.submit(() -> openLuckyBag(catalogue, campaignId, who)));
                }
                if (now - lastBar >= 1_000_000_000L) {
                    lastBar = now;
                    bar(elapsedMs, lengthMs);
                    pending.removeIf(Future::isDone);
                }
                Thread.sleep(20);
            }
            for (int i = 0; i < atOnce; i++) {
                int dice = random.nextInt(90);
                kafka.send(dice < 55 ? purchase(catalogue) : dice < 58 && !paid.isEmpty() ? refund() : action());
            }
            // a run that ends before its tries were due (a short one) makes them now
            String[] opener;
            while (bagTriesSent < bagTriesPlanned && (opener = someoneTakingPart()) != null) {
                bagTriesSent++;
                String[] who = opener;
                pending.add(http.submit(() -> openLuckyBag(catalogue, campaignId, who)));
            }
            if (caseId != null) {
                found(catalogue, caseId);
                casesFound++;
            }
            if (reportCaseId != null) {
                found(catalogue, reportCaseId);
            }
            kafka.flush();
            http.shutdown();
            forest.shutdown();
            for (Future<?> f : pending) {
                f.get(5, TimeUnit.MINUTES); // a failed call fails the demo
            }
        } finally {
            http.shutdownNow();
            forest.shutdownNow();
        }
        bar(lengthMs, lengthMs);
        out.println();
        Summary s = summary(catalogue, campaignId, pool);
        print(s, Duration.ofNanos(System.nanoTime() - t0));
        return s;
    }

    // ---- the run's campaign ----

    /**
     * An admin defines this run's campaign: all seven actions, from a little more than the 10 seconds' notice from now
     * (China Standard Time, to the second) until 10 minutes after the run's planned end, its goal a participation per
     * event the run will send.
     */
    private JsonNode defineCampaign(Catalogue c) {
        Instant start = Instant.now().plusSeconds(13).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(length).plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        end = end.isAfter(start.plus(Duration.ofDays(31))) ? start.plus(Duration.ofDays(31)) : end;
        LocalDateTime localStart = LocalDateTime.ofInstant(start, SHANGHAI);
        long goal = Math.max(1, Math.round(rate * length.toMillis() / 1000.0) + atOnce);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", CAMPAIGN + " " + localStart.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        body.put("start", localStart.toString());
        body.put("end", LocalDateTime.ofInstant(end, SHANGHAI).toString());
        body.put(
                "actions",
                List.of("DONATION", "TREE_PLANTED", "ENERGY_EARNED", "SIGN_UP", "CHECK_IN", "PLEDGE", "LEAD"));
        body.put("goal", goal);
        JsonNode campaign = api.expect("POST", "/api/volunteer/campaigns", c.admin, body);
        campaignStart = start;
        out.printf(
                Locale.ROOT,
                "Campaign \"%s\": %s to %s China Standard Time, goal %,d participations%n",
                campaign.path("name").asText(),
                campaign.path("start").asText(),
                campaign.path("end").asText(),
                goal);
        return campaign;
    }

    /**
     * The campaign's lucky bags (福包): an admin records the sponsor's funded pool — ¥300 in 100 bags of ¥1 to ¥6, a 30 %
     * chance per participation, at most 3 bags a person a day — open for the campaign's window. The pool.
     */
    private JsonNode fundLuckyBags(Catalogue c, JsonNode campaign) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", campaign.path("id").asText());
        body.put("sponsorId", SPONSOR);
        body.put("name", "9.5公益周福包 Charity Week lucky bags");
        body.put("totalFen", 30_000);
        body.put("bags", 100);
        body.put("minFen", 100);
        body.put("maxFen", 600);
        body.put("chancePpm", 300_000);
        body.put("perPersonDaily", 3);
        body.put("opens", campaign.path("start").asText());
        body.put("closes", campaign.path("end").asText());
        JsonNode pool = api.expect("POST", "/api/donations/lucky-bag-pools", c.admin, body);
        out.printf(
                Locale.ROOT,
                "Lucky bags from %s: ¥%,.2f in %,d bags of ¥%,.2f to ¥%,.2f, a %s%% chance per participation, "
                        + "%d a person a day; commitment %s%n",
                pool.path("sponsorId").asText(),
                pool.path("totalFen").asLong() / 100.0,
                pool.path("bags").asLong(),
                pool.path("minFen").asLong() / 100.0,
                pool.path("maxFen").asLong() / 100.0,
                BigDecimal.valueOf(pool.path("chancePpm").asLong(), 4)
                        .stripTrailingZeros()
                        .toPlainString(),
                pool.path("perPersonDaily").asLong(),
                pool.path("commitment").asText());
        return pool;
    }

    /** Someone the campaign counted (a buyer, a volunteer, a walker, a lead's sender), or null before the first. */
    private String[] someoneTakingPart() {
        synchronized (takingPart) {
            return takingPart.isEmpty() ? null : takingPart.get(random.nextInt(takingPart.size()));
        }
    }

    /** The person took part now, as {@code role} (their token's): after the campaign's start, it counts. */
    private void tookPart(String person, String role) {
        if (Instant.now().isBefore(campaignStart)) {
            return;
        }
        synchronized (takingPart) {
            if (takingPart.size() >= 2000) {
                takingPart.remove(random.nextInt(takingPart.size()));
            }
            takingPart.add(new String[] {person, role});
        }
    }

    /**
     * The person tries their next chance at the campaign's lucky bags for one of the demo's projects, with their own
     * token: a draw (200; it opens a bag or not), no chance yet or no bag open now (409: chances arrive from
     * volunteer-service through Kafka a moment after the participation), or the day's limit reached (429).
     */
    private void openLuckyBag(Catalogue c, String campaignId, String[] who) {
        Api.Answer r = api.call(
                "POST",
                "/api/donations/campaigns/" + campaignId + "/lucky-bags",
                issuer.token(who[0], List.of(who[1]), Duration.ofMinutes(5)),
                Map.of("projectId", c.projects.get(random.nextInt(c.projects.size()))));
        bagTries.incrementAndGet();
        if (r.ok()) {
            bagsDrawn.incrementAndGet();
            if (r.body().path("opened").asBoolean()) {
                bagsOpened.incrementAndGet();
                bagsOpenedFen.addAndGet(r.body().path("amountFen").asLong());
            }
        } else if (r.status() == 409) {
            bagsRefused.incrementAndGet();
        } else if (r.status() == 429) {
            bagsDailyLimit.incrementAndGet();
        } else {
            throw new IllegalStateException("a lucky bag answered " + r.status() + ": " + r.body());
        }
    }

    // ---- the shop (commerce.orders) ----

    private ProducerRecord<String, String> purchase(Catalogue c) {
        long n = purchases.incrementAndGet();
        Catalogue.Item item = c.items.get(random.nextInt(c.items.size()));
        String orderId = "demo-" + run + "-" + n;
        String buyer = "demo-buyer-" + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 3000); // some buy often
        long fen = PRICES_FEN[random.nextInt(PRICES_FEN.length)] * (1 + random.nextInt(2));
        String province = PROVINCES[(int) Math.floor(Math.pow(random.nextDouble(), 1.7) * PROVINCES.length)];
        synchronized (paid) {
            if (paid.size() >= 2000) {
                paid.remove(random.nextInt(paid.size()));
            }
            paid.add(new String[] {orderId, buyer, item.itemId(), Long.toString(fen)});
        }
        tookPart(buyer, "buyer");
        String json = "{\"orderId\":\"" + orderId + "\",\"buyerId\":\"" + buyer + "\",\"sellerId\":\"" + item.sellerId()
                + "\",\"province\":\"" + province + "\",\"completedAt\":\"" + Instant.now()
                + "\",\"lines\":[{\"itemId\":\""
                + item.itemId() + "\",\"quantity\":1,\"paidFen\":" + fen + "}]}";
        return PurchaseLoad.cloudEvent("commerce.orders", orderId, json, "commerce.purchase-completed", "demo");
    }

    private ProducerRecord<String, String> refund() {
        String[] order;
        synchronized (paid) {
            order = paid.remove(random.nextInt(paid.size()));
        }
        refunds.incrementAndGet();
        String json = "{\"orderId\":\"" + order[0] + "\",\"buyerId\":\"" + order[1] + "\",\"refundedAt\":\""
                + Instant.now() + "\",\"lines\":[{\"itemId\":\"" + order[2] + "\",\"refundedFen\":" + order[3]
                + "}],\"reason\":\"changed my mind\"}";
        return PurchaseLoad.cloudEvent("commerce.orders", order[0], json, "commerce.order-refunded", "demo");
    }

    // ---- partner apps (lowcarbon.actions) ----

    private ProducerRecord<String, String> action() {
        actions.incrementAndGet();
        String user = "demo-walker-" + random.nextInt(5000);
        int dice = random.nextInt(100);
        String type;
        long quantity = 1;
        Long amount = null;
        String household = null;
        if (dice < 30) {
            type = "WALKING";
            quantity = 2000 + random.nextInt(14000);
        } else if (dice < 55) {
            type = "OFFLINE_PAYMENT";
            amount = 100L + random.nextInt(20000);
        } else if (dice < 70) {
            type = "METRO_RIDE";
        } else if (dice < 82) {
            type = "BUS_RIDE";
        } else if (dice < 88) {
            type = "E_INVOICE";
        } else if (dice < 92) {
            type = "ETC_TOLL";
        } else if (dice < 95) {
            type = "UTILITY_BILL";
            amount = 3000L + random.nextInt(30000);
            household = "hh-" + user;
        } else if (dice < 98) {
            type = "CINEMA_TICKET";
        } else {
            type = "TRAIN_TICKET";
        }
        tookPart(user, "user");
        return actionRecord(user, type, quantity, amount, household, Instant.now());
    }

    private ProducerRecord<String, String> actionRecord(
            String user, String type, long quantity, Long amountFen, String household, Instant at) {
        String json = "{\"userId\":\"" + user + "\",\"actionType\":\"" + type + "\",\"quantity\":" + quantity
                + ",\"occurredAt\":\"" + at + "\",\"sourceRef\":\"demo-" + run + "-" + UUID.randomUUID() + "\""
                + (amountFen == null ? "" : ",\"amountFen\":" + amountFen)
                + (household == null ? "" : ",\"householdAccount\":\"" + household + "\"") + "}";
        return PurchaseLoad.cloudEvent("lowcarbon.actions", user, json, "lowcarbon.action-recorded", "demo");
    }

    /**
     * Green Forest the way people reach their first tree: eight people with a busy low-carbon life two and three days
     * ago (balls ripe now, at most 6,457 g each under the rule table's caps); seven befriend the eighth, who collects
     * their own energy and a share of each friend's balls and plants a tree alone (a saxaul or a sand willow); the
     * friends collect what is left, water the eighth once each, and claim protected land with the rest.
     */
    private void plantWithFriends(Catalogue c, long cohort, KafkaProducer<String, String> kafka) {
        String prefix = "demo-forest-" + run + "-" + cohort + "-";
        List<String> users = new ArrayList<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            String u = prefix + i;
            users.add(u);
            tokens.put(u, issuer.token(u, List.of("user"), Duration.ofHours(1)));
        }
        Instant twoDaysAgo = Instant.now()
                .atZone(SHANGHAI)
                .toLocalDate()
                .minusDays(2)
                .atTime(9, 0)
                .atZone(SHANGHAI)
                .toInstant();
        Instant threeDaysAgo = twoDaysAgo.minus(Duration.ofDays(1));
        for (String u : users) {
            for (Instant day : List.of(twoDaysAgo, threeDaysAgo)) {
                kafka.send(actionRecord(u, "WALKING", 14_800, null, null, day));
                for (int i = 0; i < 5; i++) {
                    kafka.send(actionRecord(u, "BUS_RIDE", 1, null, null, day.plus(Duration.ofMinutes(30L * i))));
                    kafka.send(
                            actionRecord(u, "METRO_RIDE", 1, null, null, day.plus(Duration.ofMinutes(30L * i + 10))));
                }
            }
            for (int i = 0; i < 10; i++) {
                kafka.send(actionRecord(u, "CINEMA_TICKET", 1, null, null, threeDaysAgo.plus(Duration.ofMinutes(i))));
                kafka.send(actionRecord(u, "TRAIN_TICKET", 1, null, null, threeDaysAgo.plus(Duration.ofMinutes(i))));
            }
            for (int i = 0; i < 5; i++) {
                kafka.send(actionRecord(
                        u, "HOSPITAL_APPOINTMENT", 1, null, null, threeDaysAgo.plus(Duration.ofMinutes(i))));
            }
            actions.addAndGet(2 * 11 + 25);
        }
        kafka.flush();
        String hub = users.get(0);
        List<String> friends = users.subList(1, users.size());
        for (String f : friends) {
            api.expect("PUT", "/api/forest/me/friends/" + f, tokens.get(hub), null);
            api.expect("PUT", "/api/forest/me/friends/" + hub, tokens.get(f), null);
        }
        // each friend's 47 balls, once the forest has taken the actions in
        for (String f : friends) {
            JsonNode ripe = awaitBalls(tokens.get(hub), f, 47);
            for (JsonNode ball : ripe) {
                api.expect(
                        "POST",
                        "/api/forest/friends/" + f + "/balls/" + ball.path("id").asText() + "/collect",
                        tokens.get(hub),
                        null);
            }
        }
        earned(api.expect("POST", "/api/forest/me/balls/collect", tokens.get(hub), null));
        // 19,904 g with seven friends' shares: a saxaul (17,900 g) or a sand willow (19,680 g)
        String species = cohort % 2 == 0 ? "SAXAUL" : "SAND_WILLOW";
        String certificate = api.expect(
                        "POST",
                        "/api/forest/trees",
                        tokens.get(hub),
                        Map.of("projectId", c.plantingBySpecies.get(species)))
                .path("certificateNo")
                .asText();
        trees.incrementAndGet();
        synchronized (certificatePages) {
            certificatePages.add(pages + "/certificates/" + certificate);
        }
        for (String f : friends) {
            earned(api.expect("POST", "/api/forest/me/balls/collect", tokens.get(f), null));
            // each waters the hub once (10 g of theirs), which the hub's feed shows with the takes
            long balance = api.expect("POST", "/api/forest/friends/" + hub + "/water", tokens.get(f), null)
                    .path("balanceGrams")
                    .asLong();
            waterings.incrementAndGet();
            long m2 = balance / 1_000;
            if (m2 > 0) {
                api.expect(
                        "POST",
                        "/api/forest/protected-areas/" + c.protectedArea + "/claims",
                        tokens.get(f),
                        Map.of("m2", m2));
                protectedM2.addAndGet(m2);
            }
        }
        forestHub = hub;
    }

    /** Counts a collection that earned a shield item by the rule (own energy collected on 5 days of a week). */
    private void earned(JsonNode collected) {
        if (collected.path("shieldItemEarned").asBoolean()) {
            shieldItemsEarned.incrementAndGet();
        }
    }

    private JsonNode awaitBalls(String token, String friend, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode ripe = null;
        while (System.nanoTime() < deadline) {
            ripe = api.expect("GET", "/api/forest/friends/" + friend + "/energy", token, null)
                    .path("ripe");
            if (ripe.size() >= count) {
                return ripe;
            }
            sleep(200);
        }
        throw new IllegalStateException(friend + " has " + (ripe == null ? 0 : ripe.size()) + " ripe balls, not "
                + count + ", two minutes after their actions were sent");
    }

    // ---- volunteering and reunion over HTTP ----

    /** A volunteer signs up to an activity; with their first sign-up of the run, they take the year's pledge. */
    private void signUp(Catalogue c) {
        int a = random.nextInt(c.activities.size());
        String user = "demo-volunteer-" + random.nextInt(2000);
        boolean first;
        synchronized (signedUp) {
            if (!everSignedUp.add(a + " " + user)) {
                return; // signed up before: signing up again changes nothing
            }
            first = pledged.add(user);
        }
        String token = issuer.token(user, List.of("user"), Duration.ofMinutes(5));
        Api.Answer r = api.call(
                "POST", "/api/volunteer/activities/" + c.activities.get(a).id() + "/sign-ups", token, null);
        if (r.ok()) {
            signUps.incrementAndGet();
            tookPart(user, "user");
            if (c.activities.get(a).checkInOpen()) {
                synchronized (signedUp) {
                    signedUp.add(new String[] {Integer.toString(a), user});
                }
            }
        } else {
            throw new IllegalStateException("sign-up answered " + r.status() + ": " + r.body());
        }
        if (first) {
            // taken before this year (an earlier run): the same pledge back, counted in no new campaign
            api.expect("PUT", "/api/volunteer/me/pledge", token, null);
            pledges.incrementAndGet();
        }
    }

    private void checkIn(Catalogue c) {
        String[] s;
        synchronized (signedUp) {
            if (signedUp.isEmpty()) {
                return;
            }
            s = signedUp.remove(random.nextInt(signedUp.size()));
        }
        Catalogue.Activity a = c.activities.get(Integer.parseInt(s[0]));
        // where the volunteer is: most within 400 m of the place, one in ten somewhere else in town (0.6 to 2 km)
        double metres = random.nextInt(10) == 0 ? 600 + random.nextInt(1_400) : random.nextInt(400);
        double bearing = 2 * Math.PI * random.nextDouble();
        double lat = a.latitude() + metres / 111_000 * Math.cos(bearing);
        double lon = a.longitude() + metres / (111_000 * Math.cos(Math.toRadians(a.latitude()))) * Math.sin(bearing);
        Api.Answer r = api.call(
                "POST",
                String.format(
                        Locale.ROOT,
                        "/api/volunteer/activities/%s/attendance/%s/check-in?at=%.6f,%.6f",
                        a.id(),
                        s[1],
                        lat,
                        lon),
                a.charityToken(),
                null);
        if (r.ok()) {
            checkIns.incrementAndGet();
        } else if (r.status() == 403) { // further from the place than its check-in radius (500 m)
            checkInsTooFar.incrementAndGet();
        } else if (r.status() != 409) { // 409: checked in already, or (a long run) check-in not open yet
            throw new IllegalStateException("check-in answered " + r.status() + ": " + r.body());
        }
    }

    private String publishCase(Catalogue c, Instant lostAt) {
        String[] names = {"乐乐 Lele", "安安 An'an", "小雨 Xiaoyu", "豆豆 Doudou"};
        String id = api.expect(
                        "POST",
                        "/api/reunion/cases",
                        c.police,
                        Map.of(
                                "name",
                                names[casesPublished % names.length],
                                "age",
                                5 + random.nextInt(6),
                                "sex",
                                random.nextBoolean() ? "MALE" : "FEMALE",
                                "description",
                                "Red jacket, blue trousers; last seen near the railway station",
                                "latitude",
                                ZHENGZHOU_LAT,
                                "longitude",
                                ZHENGZHOU_LON,
                                "lostAt",
                                lostAt.toString(),
                                "contact",
                                "郑州市公安局 Zhengzhou PSB 110"))
                .path("id")
                .asText();
        casesPublished++;
        published(id, names[(casesPublished - 1) % names.length]);
        return id;
    }

    /** The alert's page to share, through the gateway. */
    private void published(String caseId, String name) {
        synchronized (alertPages) {
            alertPages.add(pages + "/alerts/" + caseId + " (" + name + ")");
        }
    }

    /**
     * Two families report a missing child to the demo's agency (each their own report, in their own name); its police
     * publish a case from the first — its alert pushed like any other — and decline the second, whose child came home.
     * The case published from the report.
     */
    private String familiesReport(Catalogue c) {
        List<String> reports = new ArrayList<>();
        String[][] children = {{"小宇 Xiaoyu", "MALE", "4"}, {"朵朵 Duoduo", "FEMALE", "7"}};
        for (int i = 0; i < children.length; i++) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("agencyId", AGENCY);
            report.put("name", children[i][0]);
            report.put("age", Integer.parseInt(children[i][2]));
            report.put("sex", children[i][1]);
            report.put("description", "Last seen at the Erqi Square market with a grandparent");
            report.put("latitude", ZHENGZHOU_LAT - 0.02 * (i + 1));
            report.put("longitude", ZHENGZHOU_LON + 0.02);
            report.put("lostAt", Instant.now().minus(Duration.ofMinutes(40)).toString());
            report.put("reporterContact", "138 0000 000" + i);
            String family = "demo-family-" + run + "-" + i;
            reports.add(api.expect(
                            "POST",
                            "/api/reunion/child-reports",
                            issuer.token(family, List.of("user"), Duration.ofMinutes(5)),
                            report)
                    .path("id")
                    .asText());
            childReports++;
        }
        String caseId = api.expect(
                        "POST",
                        "/api/reunion/child-reports/" + reports.get(0) + "/case",
                        c.police,
                        Map.of(
                                "contact",
                                "郑州市公安局 Zhengzhou PSB 110",
                                "description",
                                "Green raincoat, yellow boots; last seen at the Erqi Square market"))
                .path("id")
                .asText();
        reportsPublished++;
        published(caseId, children[0][0]);
        api.expect(
                "POST",
                "/api/reunion/child-reports/" + reports.get(1) + "/decline",
                c.police,
                Map.of("reason", "The child came home before a case was needed"));
        reportsDeclined++;
        return caseId;
    }

    /** The case's police mark its leads handled (one in five not relevant, one in five a duplicate), then close it found. */
    private void found(Catalogue c, String caseId) {
        JsonNode leads = api.expect("GET", "/api/reunion/cases/" + caseId + "/leads", c.police, null);
        int n = 0;
        for (JsonNode lead : leads) {
            if (lead.hasNonNull("handling")) {
                continue;
            }
            String outcome =
                    new String[] {"FOLLOWED_UP", "FOLLOWED_UP", "FOLLOWED_UP", "NOT_RELEVANT", "DUPLICATE"}[n++ % 5];
            api.expect(
                    "PUT",
                    "/api/reunion/cases/" + caseId + "/leads/" + lead.path("id").asText() + "/handling",
                    c.police,
                    Map.of("outcome", outcome, "note", "Checked by the duty officer"));
            handledLeads.merge(outcome, 1L, Long::sum);
        }
        api.expect(
                "POST",
                "/api/reunion/cases/" + caseId + "/close",
                c.police,
                Map.of("closure", "FOUND", "outcome", "RESCUED"));
    }

    private void lead(String caseId) {
        String user = "demo-phone-" + random.nextInt(300);
        Api.Answer r = api.call(
                "POST",
                "/api/reunion/alerts/" + caseId + "/leads",
                issuer.token(user, List.of("user"), Duration.ofMinutes(5)),
                Map.of(
                        "text",
                        "I think I saw the child near the bus stop",
                        "latitude",
                        ZHENGZHOU_LAT + 0.01,
                        "longitude",
                        ZHENGZHOU_LON + 0.01));
        if (r.ok()) {
            leads.incrementAndGet();
            tookPart(user, "user");
        } else if (r.status() != 409) { // 409: the case closed meanwhile
            throw new IllegalStateException("a lead answered " + r.status() + ": " + r.body());
        }
    }

    // ---- settlement ----

    /** An admin closes every project's period up to now: each payout buys its project's programme's benefits. */
    private void settle(Catalogue c) {
        api.expect("POST", "/api/donations/settlements?periodEnd=" + Instant.now(), c.admin, null);
    }

    // ---- progress and summary ----

    private void bar(long elapsedMs, long lengthMs) {
        int width = 30;
        int done = (int) (width * Math.min(1.0, (double) elapsedMs / lengthMs));
        out.printf(
                Locale.ROOT,
                "\r[%s%s] %3d%% %4d/%d s · purchases %,d refunds %,d actions %,d · sign-ups %,d "
                        + "check-ins %,d · leads %,d · trees %,d · bags %,d   ",
                "#".repeat(done),
                "-".repeat(width - done),
                100 * done / width,
                elapsedMs / 1000,
                lengthMs / 1000,
                purchases.get(),
                refunds.get(),
                actions.get(),
                signUps.get(),
                checkIns.get(),
                leads.get(),
                trees.get(),
                bagsOpened.get());
        out.flush();
    }

    /**
     * The platform's figures once the consumers have caught up (they stop changing), with what was sent; then the
     * period is settled and the programmes' figures read.
     */
    private Summary summary(Catalogue c, String campaignId, JsonNode pool) {
        Map<String, JsonNode> totals = new LinkedHashMap<>();
        String[][] reads = {
            {"donations", "/api/donations/totals"},
            {"forest", "/api/forest/totals"},
            {"reunion", "/api/reunion/statistics"},
            {"volunteer", "/api/volunteer/totals"},
            {"campaign", "/api/volunteer/campaigns/" + campaignId}
        };
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, JsonNode> before = Map.of();
        while (System.nanoTime() < deadline) {
            totals = new LinkedHashMap<>();
            for (String[] r : reads) {
                totals.put(r[0], api.get(r[1]));
            }
            if (totals.equals(before)) {
                break;
            }
            before = totals;
            sleep(2_000);
        }
        JsonNode campaign = totals.remove("campaign");
        settle(c);
        List<JsonNode> programmes = api.all("/api/donations/programmes", null);
        return new Summary(
                purchases.get(),
                refunds.get(),
                actions.get(),
                signUps.get(),
                checkIns.get(),
                pledges.get(),
                leads.get(),
                trees.get(),
                protectedM2.get(),
                casesPublished,
                casesFound,
                c.devices,
                api.calls(),
                totals,
                Programmes.of(programmes),
                campaign,
                new LuckyBags(
                        pool.path("id").asText(),
                        pool.path("bags").asLong(),
                        bagTries.get(),
                        bagsDrawn.get(),
                        bagsOpened.get(),
                        bagsOpenedFen.get(),
                        bagsRefused.get(),
                        bagsDailyLimit.get()),
                new Reunion(
                        AGENCY,
                        List.copyOf(alertPages),
                        childReports,
                        reportsPublished,
                        reportsDeclined,
                        Map.copyOf(handledLeads)),
                new Forest(forestHub, waterings.get(), shieldItemsEarned.get(), List.copyOf(certificatePages)),
                finds());
    }

    /**
     * What people open first, read at the end of the run through the gateway: projects found by name (any case), by
     * category, by region and by both; activities by city, by category, by the next two days (China Standard Time)
     * and near Hangzhou's Wulin Square; the last friends' leaderboard and feed, as their hub.
     */
    private List<Find> finds() {
        LocalDate today = LocalDate.now(SHANGHAI);
        List<String[]> reads = new ArrayList<>(List.of(
                new String[] {"/api/donations/projects?q=LUNCH", null},
                new String[] {"/api/donations/projects?category=EDUCATION", null},
                new String[] {"/api/donations/projects?region=Gansu", null},
                new String[] {"/api/donations/projects?category=EDUCATION&region=Sichuan", null},
                new String[] {"/api/volunteer/activities?city=hangzhou", null},
                new String[] {"/api/volunteer/activities?category=ELDERLY", null},
                new String[] {"/api/volunteer/activities?from=" + today.plusDays(1) + "&to=" + today.plusDays(2), null},
                new String[] {"/api/volunteer/activities?near=30.2741,120.1551&withinKm=5", null}));
        if (forestHub != null) {
            reads.add(new String[] {"/api/forest/me/leaderboard", forestHub});
            reads.add(new String[] {"/api/forest/me/feed", forestHub});
        }
        List<Find> finds = new ArrayList<>();
        for (String[] read : reads) {
            String token = read[1] == null ? null : issuer.token(read[1], List.of("user"), Duration.ofMinutes(5));
            List<JsonNode> rows = read[0].contains("/leaderboard")
                    ? rows(api.expect("GET", read[0], token, null))
                    : api.all(read[0], token);
            finds.add(new Find(
                    read[0],
                    read[1],
                    rows.size(),
                    rows.stream().limit(FIRST).map(Demo::row).toList()));
        }
        return finds;
    }

    private void print(Summary s, Duration took) {
        JsonNode d = s.totals().get("donations");
        JsonNode f = s.totals().get("forest");
        JsonNode r = s.totals().get("reunion").path("total");
        JsonNode v = s.totals().get("volunteer");
        out.printf(Locale.ROOT, "%nDemo finished in %d s.%n", took.toSeconds());
        out.printf(
                Locale.ROOT,
                "Sent: %,d purchases, %,d refunds, %,d low-carbon actions, %,d sign-ups, %,d check-ins "
                        + "(%,d more refused: too far from the place, 403), %,d pledges, %,d leads; "
                        + "%d missing child(ren) published, %d found; %,d trees planted, %,d m² claimed%n",
                s.purchases(),
                s.refunds(),
                s.actions(),
                s.signUps(),
                s.checkIns(),
                checkInsTooFar.get(),
                s.pledges(),
                s.leads(),
                s.casesPublished(),
                s.casesFound(),
                s.trees(),
                s.protectedM2());
        LuckyBags b = s.luckyBags();
        out.printf(
                Locale.ROOT,
                "Lucky bags: %,d drawn, %,d opened of %,d, ¥%,.2f donated (sponsored); of %,d tries %,d found no chance "
                        + "or bag yet (409), %,d the day's limit (429)%n",
                b.drawn(),
                b.opened(),
                b.bags(),
                b.openedFen() / 100.0,
                b.tries(),
                b.refused(),
                b.dailyLimit());
        out.printf(Locale.ROOT, "The platform now reports:%n");
        out.printf(
                Locale.ROOT,
                "  donated      ¥%,.2f net (¥%,.2f reversed) by %,d buyers in %,d participations, %d provinces%n",
                d.path("netFen").asLong() / 100.0,
                d.path("reversedFen").asLong() / 100.0,
                d.path("buyers").asLong(),
                d.path("participations").asLong(),
                d.path("provincesCovered").asLong());
        out.printf(
                Locale.ROOT,
                "  forest       %,d kg energy credited, %,d trees %s, %,d m² protected%n",
                f.path("energyCreditedGrams").asLong() / 1000,
                f.path("trees").asLong(),
                f.path("treesBySpecies"),
                f.path("protectedM2").asLong());
        out.printf(
                Locale.ROOT,
                "  reunion      %d alerts published, %d found, recovery rate %s%%%n",
                r.path("published").asLong(),
                r.path("found").asLong(),
                r.path("recoveryRatePercent").asText());
        out.printf(
                Locale.ROOT,
                "  volunteering %,d volunteers, %d organisations, %s welfare hours%n",
                v.path("volunteers").asLong(),
                v.path("organisations").asLong(),
                v.path("hours").asText());
        Programmes p = s.programmes();
        out.printf(
                Locale.ROOT,
                "  programmes   %,d households covered (%,d covers), %,d claims paid (¥%,.2f); %,d mothers helped "
                        + "(%,d grants)%s%n",
                p.householdsCovered(),
                p.covers(),
                p.claims(),
                p.claimsPaidFen() / 100.0,
                p.mothersHelped(),
                p.grants(),
                (p.shopSalesFen() == null
                                ? ""
                                : String.format(Locale.ROOT, ", shops' sales ¥%,.2f", p.shopSalesFen() / 100.0))
                        + (p.jobs() == null ? "" : String.format(Locale.ROOT, ", %,d jobs", p.jobs())));
        JsonNode cc = s.campaign();
        // every system its actions take, 0 until its first participation (leads fall in the window only while a
        // missing child is searched for after the campaign's start)
        StringBuilder systems = new StringBuilder();
        for (String name : CAMPAIGN_SYSTEMS) {
            JsonNode system = null;
            for (JsonNode counted : cc.path("systems")) {
                if (counted.path("name").asText().equals(name)) {
                    system = counted;
                }
            }
            systems.append(String.format(
                    Locale.ROOT,
                    "%s %s %,d by %,d",
                    systems.isEmpty() ? ":" : ",",
                    name.toLowerCase(Locale.ROOT),
                    system == null ? 0 : system.path("participations").asLong(),
                    system == null ? 0 : system.path("participants").asLong()));
        }
        out.printf(
                Locale.ROOT,
                "  campaign     %,d participations by %,d people (%s%% of the goal, %,d)%s%n",
                cc.path("participations").asLong(),
                cc.path("participants").asLong(),
                cc.path("progressPercent").asText(),
                cc.path("campaign").path("goal").asLong(),
                systems);
        Reunion ru = s.reunion();
        out.printf(Locale.ROOT, "Alert pages to share: %s%n", String.join(", ", ru.pages()));
        out.printf(
                Locale.ROOT,
                "Families' reports to %s: %d made, %d published as a case, %d declined%n",
                ru.agency(),
                ru.reports(),
                ru.published(),
                ru.declined());
        out.printf(
                Locale.ROOT,
                "Leads handled by the police: %d (%d followed up, %d not relevant, %d duplicates)%n",
                ru.handledLeads().values().stream().mapToLong(Long::longValue).sum(),
                ru.handledLeads().getOrDefault("FOLLOWED_UP", 0L),
                ru.handledLeads().getOrDefault("NOT_RELEVANT", 0L),
                ru.handledLeads().getOrDefault("DUPLICATE", 0L));
        Forest fo = s.forest();
        out.printf(
                Locale.ROOT,
                "Forest friends: %,d waterings; %,d shield item(s) earned by the rule (own energy collected on 5 days "
                        + "of a week)%n",
                fo.waterings(),
                fo.shieldItemsEarned());
        for (String page : fo.certificatePages()) {
            out.printf(Locale.ROOT, "Tree certificate (check, and the PDF to keep): %s%n", page);
        }
        out.printf(Locale.ROOT, "What people open first, as the platform answers now:%n");
        for (Find find : s.finds()) {
            out.printf(
                    Locale.ROOT,
                    "  GET %s%s → %,d%s%n",
                    find.path(),
                    find.as() == null ? "" : " as " + find.as(),
                    find.count(),
                    find.first().isEmpty() ? "" : ": " + String.join(" | ", find.first()));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
