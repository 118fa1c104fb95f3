package org.gongyi.deploy.faults;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongyi.deploy.bench.PurchaseLoad;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One scenario's purchases: a fresh project and item, orders named after the scenario. Their effects are counted in
 * donation-service (one donation per deal, the project's counter) and downstream in volunteer-service (one donation
 * credit per {@code donation.recorded}, yearly counters equal to the credits they count).
 */
final class Purchases {

    final String name;
    final String item;
    final String project;
    final int events;
    private final Probe probe;
    private final List<String> report;

    Purchases(Probe probe, List<String> report, String name, int events) throws Exception {
        this.probe = probe;
        this.report = report;
        this.name = name;
        this.events = events;
        this.item = "fault-item-" + name;
        var issuer = probe.platform().issuer();
        String admin = issuer.token("fault-admin", List.of("admin"), Duration.ofHours(1));
        String seller = issuer.token("bench-seller", List.of("seller"), Duration.ofHours(1));
        String created = probe.call(
                "donation",
                "POST",
                "/projects",
                admin,
                "{\"name\":\"" + name + "\",\"charityId\":\"fault-org\",\"kind\":\"ONGOING\"}");
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created);
        assertTrue(m.find(), created);
        this.project = m.group(1);
        probe.call(
                "donation",
                "PUT",
                "/items/" + item + "/charity-rule",
                seller,
                "{\"projectId\":\"" + project + "\",\"type\":\"PERCENTAGE\",\"percent\":0.3}");
    }

    ProducerRecord<String, String> purchase(int i) {
        return PurchaseLoad.purchase(name + "-" + i, i, item);
    }

    void send(int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            records.add(purchase(i));
        }
        probe.send(records);
    }

    /** All {@link #events} at an even pace over {@code span}. */
    void sendSteadily(Duration span) {
        probe.sendSteadily(events, this::purchase, span);
    }

    /** Refunds of half of deals {@code from}…{@code to}, one line each. */
    void sendRefunds(int from, int to) {
        List<ProducerRecord<String, String>> refunds = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String order = name + "-" + i;
            ProducerRecord<String, String> r = purchase(i);
            String json = "{\"orderId\":\"" + order + "\",\"buyerId\":\"buyer-" + (i % 5000) + "\",\"refundedAt\":\""
                    + Instant.now() + "\",\"lines\":[{\"itemId\":\"" + item + "\",\"refundedFen\":"
                    + (1000 + i % 90000) / 2 + "}],\"reason\":\"fault suite\"}";
            ProducerRecord<String, String> refund = new ProducerRecord<>(r.topic(), null, order, json, r.headers());
            refund.headers()
                    .remove("ce_type")
                    .add("ce_type", "commerce.order-refunded".getBytes(StandardCharsets.UTF_8));
            refund.headers()
                    .remove("ce_id")
                    .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            refunds.add(refund);
        }
        probe.send(refunds);
    }

    /** Donation rows, distinct orders among them, and the project's donation counter. */
    long[] effects() {
        return probe.longs(
                "select (select count(*) from donation.donation where project_id = cast(? as uuid)), "
                        + "(select count(distinct order_id) from donation.donation where project_id = cast(? as uuid)), "
                        + "(select donation_count from donation.charity_project where id = cast(? as uuid))",
                project,
                project,
                project);
    }

    /**
     * volunteer-service's view of this project's donations: credit rows that saw their {@code donation.recorded}, and
     * the difference between what was credited and what the yearly counters and the outbox say (0 unless something
     * took effect twice).
     */
    long[] credits() {
        long[] rows = probe.longs(
                "select count(*) from volunteer.donation_credit c join donation.donation d "
                        + "on c.donation_id = cast(d.id as text) where d.project_id = cast(? as uuid) and c.amount_fen is not null",
                project);
        long[] drift = probe.longs(
                "select (select coalesce(sum(tenths), 0) from volunteer.welfare_year "
                        + "where source = 'DONATION') - (select coalesce(sum(tenths), 0) from volunteer.welfare_credit "
                        + "where source = 'DONATION' and revoked_at is null), "
                        + "(select count(*) from volunteer.outbox_event o join volunteer.welfare_credit w "
                        + "on o.ce_subject = cast(w.id as text) join donation.donation d on w.source_ref = cast(d.id as text) "
                        + "where d.project_id = cast(? as uuid)) - (select count(*) from volunteer.welfare_credit w "
                        + "join donation.donation d on w.source_ref = cast(d.id as text) where d.project_id = cast(? as uuid))",
                project,
                project);
        return new long[] {rows[0], Math.abs(drift[0]) + drift[1]};
    }

    long unsent() {
        return probe.longs(
                        "select count(*) from donation.outbox_pending " + "where payload like '%' || ? || '%'",
                        project)[0];
    }

    /** donation.recorded messages of this project on the topic, and distinct ce_ids among them. */
    long[] published() {
        return probe.published(
                "donation.donations", r -> r.value() != null && r.value().contains(project));
    }

    long reversals() {
        return probe.longs(
                        "select count(*) from donation.donation_reversal where project_id = cast(? as uuid)", project)[
                0];
    }

    /**
     * Waits until every deal has its donation and donation-service has processed everything on its topic (whatever
     * the fault delivered again), so that a duplicate would show.
     */
    void awaitAll() {
        Probe.await(name + ": all " + events + " donations", () -> effects()[1] >= events);
        Probe.await(
                name + ": commerce.orders consumed to its end",
                () -> probe.lag("donation-service", "commerce.orders") == 0);
    }

    /** Reports (and asserts) donation-service's effects and, once they arrived, volunteer-service's credits. */
    void report(String notes) {
        long[] e = effects();
        long lost = events - e[1];
        long duplicated = (e[0] - e[1]) + (e[2] - e[0]);
        report.add(String.format(
                "| %s | %d | %d donations (counter %d) | %d | %d | %s |",
                name, events, e[1], e[2], lost, duplicated, notes));
        assertEquals(0, lost, name + ": lost");
        assertEquals(0, duplicated, name + ": duplicated");
        Probe.await(name + ": volunteer-service credited all " + events, () -> credits()[0] >= events);
        Probe.sleep(2000);
        long[] c = credits();
        report.add(String.format(
                "| %s → volunteer-service | %d `donation.recorded` | %d donation credits | %d | %d | "
                        + "yearly counters = credits, one credit event each |",
                name, events, c[0], events - c[0], c[1]));
        assertEquals(events, c[0], name + ": volunteer credits lost");
        assertEquals(0, c[1], name + ": volunteer credits duplicated");
    }
}
