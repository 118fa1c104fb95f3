package org.gongyi.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.gongyi.infra.DevTokenIssuer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * What the demo seeds through the public APIs before the stream starts: charities and their projects, two
 * beneficiary programmes on them with their households and mothers enrolled, sellers' items with donation rules, tree
 * species and planting projects, a protected area, volunteer organisations and activities, a police agency, and
 * phones registered for alerts. Seeding again reuses what a run seeded before (found by name, a programme by its
 * project, a beneficiary by reference) and adds only what is missing, except activities, which are new each run.
 */
final class Catalogue {

    /** A seller's item with a donation rule. */
    record Item(String sellerId, String itemId) {}

    /**
     * A volunteer activity, the token of the charity that runs it, its place on the map, and whether its check-in is
     * open during the run (it starts at the run's end; the others start on later days and are there to be found).
     */
    record Activity(String id, String charityToken, double latitude, double longitude, boolean checkInOpen) {}

    static final String[][] CHARITIES = {
        {"demo-cfpa", "中国扶贫基金会 China Foundation for Rural Development"},
        {"demo-cydf", "中国青少年发展基金会 China Youth Development Foundation"},
        {"demo-free-lunch", "免费午餐基金 Free Lunch for Children"},
        {"demo-see", "阿拉善SEE基金会 SEE Foundation"},
        {"demo-oneplus", "壹基金 One Foundation"},
    };

    /** {charity, project name, category, the regions its aid goes to}: ongoing projects. */
    static final String[][] PROJECTS = {
        {"demo-free-lunch", "免费午餐 Free lunch for rural pupils", "CHILDREN", "Guizhou,Yunnan,Gansu"},
        {"demo-cydf", "希望工程 Project Hope classrooms", "EDUCATION", "Gansu,Sichuan"},
        {"demo-cfpa", "爱心包裹 Love parcels for mountain schools", "EDUCATION", "Yunnan,Guizhou"},
        {"demo-see", "一亿棵梭梭 100 million saxaul trees", "ENVIRONMENT", "Inner Mongolia"},
        {"demo-oneplus", "温暖包 Warm packs for winter", "DISASTER", "Qinghai,Tibet,Sichuan"},
        {"demo-cfpa", "母亲水窖 Water cellars for mothers", "POVERTY", "Gansu,Ningxia"},
    };

    /**
     * {organisation index, title, place, city, category, latitude, longitude, day, time}: the activities each run
     * publishes; day 0 starts at the run's end (its check-in open during the run), a later day (China Standard Time,
     * from today) at its time.
     */
    static final String[][] ACTIVITIES = {
        {
            "0",
            "社区应急演练 Community emergency drill",
            "杭州 Hangzhou, Wulin Square",
            "Hangzhou",
            "DISASTER",
            "30.2741",
            "120.1551",
            "0",
            ""
        },
        {
            "1",
            "周末绘本共读 Weekend picture-book reading",
            "郑州 Zhengzhou, Erqi Library",
            "Zhengzhou",
            "CHILDREN",
            "34.7466",
            "113.6254",
            "0",
            ""
        },
        {
            "2",
            "独居老人探访 Visiting elders who live alone",
            "成都 Chengdu, Jinjiang District",
            "Chengdu",
            "ELDERLY",
            "30.5728",
            "104.0668",
            "0",
            ""
        },
        {
            "0",
            "西湖净滩 West Lake shore clean-up",
            "杭州 Hangzhou, Su Causeway",
            "Hangzhou",
            "ENVIRONMENT",
            "30.2465",
            "120.1440",
            "1",
            "09:00"
        },
        {
            "2",
            "敬老院陪伴 An afternoon at the care home",
            "杭州 Hangzhou, Xixi",
            "Hangzhou",
            "ELDERLY",
            "30.2700",
            "120.0630",
            "2",
            "14:00"
        },
        {
            "1",
            "乡村图书角 Stocking a village reading corner",
            "郑州 Zhengzhou, Xinzheng",
            "Zhengzhou",
            "EDUCATION",
            "34.3960",
            "113.7400",
            "2",
            "09:30"
        },
        {
            "2",
            "熊猫基地导览 Guiding at the panda base",
            "成都 Chengdu, Panda Base",
            "Chengdu",
            "ANIMALS",
            "30.7330",
            "104.1460",
            "3",
            "10:00"
        },
    };

    /** The projects (in {@link #PROJECTS}) running the health insurance (the one raising most) and the grants. */
    static final int INSURED_PROJECT = 2;

    static final int MOTHERS_PROJECT = 5;

    /** National-level poor counties (Gansu) where the insured households live. */
    static final String[] POOR_COUNTIES = {"Tianzhu", "Dongxiang", "Linxia"};

    /** Counties of the mothers opening shops. */
    static final String[] MOTHERS_COUNTIES = {"Huining", "Zhenxiong", "Butuo", "Dafang"};

    static final int HOUSEHOLDS = 200;
    static final int MOTHERS = 20;

    /** {species, project name, region, partner, latitude, longitude}. */
    static final String[][] PLANTINGS = {
        {"SAXAUL", "阿拉善梭梭 Alxa saxaul", "Alxa League, Inner Mongolia", "SEE Foundation", "38.85", "105.72"},
        {"SAND_WILLOW", "鄂尔多斯沙柳 Ordos sand willow", "Ordos, Inner Mongolia", "China Green Foundation", "39.60", "109.78"
        },
        {"TAMARISK", "和田红柳 Hotan tamarisk", "Hotan, Xinjiang", "China Green Foundation", "37.11", "79.92"},
        {
            "MONGOLIAN_PINE",
            "科尔沁樟子松 Horqin Mongolian pine",
            "Tongliao, Inner Mongolia",
            "Forestry bureau",
            "43.62",
            "122.26"
        },
        {
            "EUPHRATES_POPLAR",
            "额济纳胡杨 Ejina Euphrates poplar",
            "Ejina, Inner Mongolia",
            "SEE Foundation",
            "41.95",
            "101.07"
        },
    };

    final String admin;
    final String police;
    String insuranceProgramme;
    String mothersProgramme;
    /** The charity projects' ids, in {@link #PROJECTS}' order. */
    final List<String> projects = new ArrayList<>();

    final List<Item> items = new ArrayList<>();
    final Map<String, String> plantingBySpecies = new LinkedHashMap<>();
    String protectedArea;
    final List<Activity> activities = new ArrayList<>();
    int devices;

    private Catalogue(DevTokenIssuer issuer) {
        admin = issuer.token("demo-admin", List.of("admin"), Duration.ofHours(12));
        police = issuer.token("demo-officer-zz", List.of("police"), Duration.ofHours(12), Map.of("org", Demo.AGENCY));
    }

    static Catalogue seed(Api api, DevTokenIssuer issuer, Instant activitiesStart, int phones, Random random) {
        Catalogue c = new Catalogue(issuer);
        // donations: verified charities, their projects, five sellers with four items each
        for (String[] o : CHARITIES) {
            api.expect("PUT", "/api/donations/organisations/" + o[0], c.admin, Map.of("name", o[1], "verified", true));
        }
        // found by name, category and regions (a project an older demo seeded without them is left as it is)
        Map<String, String> projects = new LinkedHashMap<>();
        for (JsonNode p : api.all("/api/donations/projects", null)) {
            List<String> regions = new ArrayList<>();
            p.path("regions").forEach(r -> regions.add(r.asText()));
            projects.putIfAbsent(
                    p.path("name").asText() + "|" + p.path("category").asText() + "|"
                            + regions.stream().sorted().toList(),
                    p.path("id").asText());
        }
        List<String> projectIds = c.projects;
        for (String[] p : PROJECTS) {
            String id = projects.get(p[1] + "|" + p[2] + "|"
                    + Arrays.stream(p[3].split(",")).sorted().toList());
            if (id == null) {
                id = api.expect(
                                "POST",
                                "/api/donations/projects",
                                c.admin,
                                Map.of(
                                        "name",
                                        p[1],
                                        "charityId",
                                        p[0],
                                        "kind",
                                        "ONGOING",
                                        "category",
                                        p[2],
                                        "regions",
                                        List.of(p[3].split(","))))
                        .path("id")
                        .asText();
            }
            projectIds.add(id);
        }
        // programmes: a year's health cover for poor households (a ¥64 premium) and start-up grants for mothers
        // opening online shops (¥5,000 each); benefits are bought when settlement closes the projects' periods
        String insurer = charityOf(issuer, INSURED_PROJECT);
        String grants = charityOf(issuer, MOTHERS_PROJECT);
        Map<String, String> programmes = new HashMap<>(); // by project
        for (JsonNode p : api.all("/api/donations/programmes", null)) {
            programmes.put(p.path("projectId").asText(), p.path("id").asText());
        }
        c.insuranceProgramme = programme(
                api,
                insurer,
                programmes,
                projectIds.get(INSURED_PROJECT),
                Map.of(
                        "name",
                        "顶梁柱健康扶贫公益保险 Pillar health cover",
                        "kind",
                        "HEALTH_INSURANCE",
                        "unitFen",
                        6_400,
                        "poorCounties",
                        List.of(POOR_COUNTIES)));
        Set<String> enrolled = enrolled(api, insurer, c.insuranceProgramme);
        for (int h = 1; h <= HOUSEHOLDS; h++) {
            String county = POOR_COUNTIES[h % POOR_COUNTIES.length];
            String reference = String.format(Locale.ROOT, "demo-household-%03d", h);
            if (!enrolled.contains(reference)) {
                api.expect(
                        "POST",
                        "/api/donations/programmes/" + c.insuranceProgramme + "/beneficiaries",
                        insurer,
                        Map.of(
                                "reference",
                                reference,
                                "county",
                                county,
                                "age",
                                18 + random.nextInt(43),
                                "householdId",
                                String.format(Locale.ROOT, "%s-%03d", county, h)));
            }
        }
        c.mothersProgramme = programme(
                api,
                grants,
                programmes,
                projectIds.get(MOTHERS_PROJECT),
                Map.of("name", "魔豆妈妈 Mothers' own shops", "kind", "MOTHERS_BUSINESS", "unitFen", 500_000));
        enrolled = enrolled(api, grants, c.mothersProgramme);
        for (int m = 1; m <= MOTHERS; m++) {
            String reference = String.format(Locale.ROOT, "demo-mother-%02d", m);
            if (!enrolled.contains(reference)) {
                api.expect(
                        "POST",
                        "/api/donations/programmes/" + c.mothersProgramme + "/beneficiaries",
                        grants,
                        Map.of("reference", reference, "county", MOTHERS_COUNTIES[m % MOTHERS_COUNTIES.length]));
            }
        }
        for (int s = 0; s < 5; s++) {
            String seller = "demo-seller-" + s;
            String token = issuer.token(seller, List.of("seller"), Duration.ofHours(1));
            for (int i = 0; i < 4; i++) {
                String item = seller + "-item-" + i;
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("projectId", projectIds.get((s + i) % projectIds.size()));
                if (i % 2 == 0) {
                    rule.put("type", "PERCENTAGE");
                    rule.put("percent", new String[] {"0.3", "1", "5"}[(s + i) % 3]); // 千三公益 and more
                } else {
                    rule.put("type", "FIXED");
                    rule.put("fixedFen", new long[] {2, 10, 100}[(s + i) % 3]); // the three amounts sellers may choose
                }
                api.expect("PUT", "/api/donations/items/" + item + "/charity-rule", token, rule);
                c.items.add(new Item(seller, item));
            }
        }
        // forest: the species (the service ships them; an admin keeps them current) and a project for each
        for (JsonNode sp : api.get("/api/forest/species")) {
            api.expect(
                    "PUT",
                    "/api/forest/species/" + sp.path("code").asText(),
                    c.admin,
                    Map.of(
                            "nameZh",
                            sp.path("nameZh").asText(),
                            "nameEn",
                            sp.path("nameEn").asText(),
                            "energyGrams",
                            sp.path("energyGrams").asLong()));
        }
        Map<String, String> plantings = new LinkedHashMap<>();
        for (JsonNode p : api.get("/api/forest/planting-projects?size=200")) {
            plantings.putIfAbsent(p.path("name").asText(), p.path("id").asText());
        }
        for (String[] p : PLANTINGS) {
            String id = plantings.get(p[1]);
            if (id == null) {
                id = api.expect(
                                "POST",
                                "/api/forest/planting-projects",
                                c.admin,
                                Map.of(
                                        "name",
                                        p[1],
                                        "region",
                                        p[2],
                                        "speciesCode",
                                        p[0],
                                        "partner",
                                        p[3],
                                        "stock",
                                        100_000,
                                        "plots",
                                        List.of(
                                                Map.of(
                                                        "name",
                                                        "Plot A",
                                                        "latitude",
                                                        Double.parseDouble(p[4]),
                                                        "longitude",
                                                        Double.parseDouble(p[5])),
                                                Map.of(
                                                        "name",
                                                        "Plot B",
                                                        "latitude",
                                                        Double.parseDouble(p[4]) + 0.05,
                                                        "longitude",
                                                        Double.parseDouble(p[5]) + 0.05))))
                        .path("id")
                        .asText();
            }
            c.plantingBySpecies.put(p[0], id);
        }
        for (JsonNode a : api.get("/api/forest/protected-areas")) {
            if (a.path("name").asText().startsWith("人人一平米")) {
                c.protectedArea = a.path("id").asText();
            }
        }
        if (c.protectedArea == null) {
            c.protectedArea = api.expect(
                            "POST",
                            "/api/forest/protected-areas",
                            c.admin,
                            Map.of(
                                    "name",
                                    "人人一平米 · 青海三江源 Sanjiangyuan, one m² each",
                                    "region",
                                    "Qinghai",
                                    "sizeM2",
                                    10_000_000L,
                                    "priceGramsPerM2",
                                    1_000L))
                    .path("id")
                    .asText();
        }
        // volunteering: organisations, and their activities in Hangzhou, Zhengzhou and Chengdu, each with its category
        // and place: three that start after the run (sign-ups close at the start) with their check-in open during it
        // (from 30 minutes before the start), four on later days
        String[][] orgs = {
            {"demo-v-bluesky", "蓝天救援队 Blue Sky Rescue"},
            {"demo-v-libraries", "乡村图书馆 Village libraries"},
            {"demo-v-elders", "银龄陪伴 Company for elders"}
        };
        String[] charities = new String[orgs.length];
        for (int i = 0; i < orgs.length; i++) {
            api.expect(
                    "PUT",
                    "/api/volunteer/organisations/" + orgs[i][0],
                    c.admin,
                    Map.of("name", orgs[i][1], "verified", true));
            charities[i] = issuer.token(
                    "demo-coordinator-" + i, List.of("charity"), Duration.ofHours(12), Map.of("org", orgs[i][0]));
        }
        LocalDate today = LocalDate.ofInstant(activitiesStart, Demo.SHANGHAI);
        for (String[] a : ACTIVITIES) {
            int org = Integer.parseInt(a[0]);
            int day = Integer.parseInt(a[7]);
            Instant starts = day == 0
                    ? activitiesStart
                    : today.plusDays(day)
                            .atTime(LocalTime.parse(a[8]))
                            .atZone(Demo.SHANGHAI)
                            .toInstant();
            double lat = Double.parseDouble(a[5]);
            double lon = Double.parseDouble(a[6]);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("organisationId", orgs[org][0]);
            body.put("title", a[1]);
            body.put("place", a[2]);
            body.put("city", a[3]);
            body.put("category", a[4]);
            body.put("latitude", lat);
            body.put("longitude", lon);
            body.put("startsAt", starts.toString());
            body.put("endsAt", starts.plus(Duration.ofHours(3)).toString());
            body.put("capacity", 100_000);
            String id = api.expect("POST", "/api/volunteer/activities", charities[org], body)
                    .path("id")
                    .asText();
            c.activities.add(new Activity(id, charities[org], lat, lon, day == 0));
        }
        // reunion: phones that opted in to alerts, scattered around Henan (up to ~450 km from Zhengzhou)
        for (int i = 0; i < phones; i++) {
            String owner = "demo-phone-" + i;
            double distanceKm = 450 * Math.sqrt(random.nextDouble());
            double bearing = 2 * Math.PI * random.nextDouble();
            double lat = Demo.ZHENGZHOU_LAT + distanceKm / 111.0 * Math.cos(bearing);
            double lon = Demo.ZHENGZHOU_LON
                    + distanceKm / (111.0 * Math.cos(Math.toRadians(Demo.ZHENGZHOU_LAT))) * Math.sin(bearing);
            String token = issuer.token(owner, List.of("user"), Duration.ofMinutes(5));
            c.devices++;
            if (!api.expect("GET", "/api/reunion/devices", token, null).isEmpty()) {
                continue; // registered by an earlier run
            }
            api.expect(
                    "POST",
                    "/api/reunion/devices",
                    token,
                    Map.of(
                            "platform",
                            i % 3 == 0 ? "IOS" : "ANDROID",
                            "pushToken",
                            "demo-push-" + owner,
                            "latitude",
                            Math.round(lat * 1e4) / 1e4,
                            "longitude",
                            Math.round(lon * 1e4) / 1e4));
        }
        return c;
    }

    /** A token of the project's charity, as one of its staff. */
    private static String charityOf(DevTokenIssuer issuer, int project) {
        String org = PROJECTS[project][0];
        return issuer.token("demo-officer-" + org, List.of("charity"), Duration.ofHours(12), Map.of("org", org));
    }

    /** The programme on the project, started with {@code draft} unless one runs there already. */
    private static String programme(
            Api api, String charity, Map<String, String> byProject, String projectId, Map<String, Object> draft) {
        String id = byProject.get(projectId);
        if (id != null) {
            return id;
        }
        Map<String, Object> body = new LinkedHashMap<>(draft);
        body.put("projectId", projectId);
        return api.expect("POST", "/api/donations/programmes", charity, body)
                .path("id")
                .asText();
    }

    /** The references the programme's beneficiaries were enrolled with. */
    private static Set<String> enrolled(Api api, String charity, String programme) {
        Set<String> references = new HashSet<>();
        for (JsonNode b : api.all("/api/donations/programmes/" + programme + "/beneficiaries", charity)) {
            references.add(b.path("reference").asText());
        }
        return references;
    }
}
