package org.gongyi.deploy.faults;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.gongyi.deploy.bench.ActionLoad;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One scenario's low-carbon actions for forest-service: users of their own, six metro rides each on one day. The
 * rule table credits 5 rides a day (52 g each), so every user ends with 5 credited and 1 capped, whatever order the
 * rides arrive in. Effects: one action row per ride; day counters, energy balls and {@code forest.energy-credited}
 * outbox rows equal to the credited rides.
 */
final class Actions {

    static final int RIDES_PER_USER = ActionLoad.RIDES_PER_USER;
    static final int DAILY_CAP = 5;

    final String name;
    final int events;
    private final Probe probe;
    private final List<String> report;
    private final String users;
    private final Instant occurredAt = Instant.now().minusSeconds(60);

    Actions(Probe probe, List<String> report, String name, int events) {
        if (events % RIDES_PER_USER != 0) {
            throw new IllegalArgumentException("events must be a multiple of " + RIDES_PER_USER);
        }
        this.probe = probe;
        this.report = report;
        this.name = name;
        this.events = events;
        this.users = "fault-" + name + "-u";
    }

    /** The {@code i}-th ride: user {@code i / 6}, so a user's rides are sent one after another. */
    ProducerRecord<String, String> ride(int i) {
        return ActionLoad.ride(users + (i / RIDES_PER_USER), "fault-" + name + "-" + i, occurredAt);
    }

    void send() {
        probe.send(IntStream.range(0, events).mapToObj(this::ride).toList());
    }

    void sendSteadily(Duration span) {
        probe.sendSteadily(events, this::ride, span);
    }

    /** Action rows, credited among them, and their grams. */
    long[] effects() {
        return probe.longs(
                "select count(*), count(*) filter (where status = 'CREDITED'), coalesce(sum(grams), 0) "
                        + "from forest.energy_action where user_id like ?",
                users + "%");
    }

    /** Rides counted in day counters, energy balls, their grams, and energy-credited outbox rows. */
    long[] counters() {
        String like = users + "%";
        return probe.longs(
                "select (select coalesce(sum(action_count), 0) from forest.energy_usage where user_id like ? "
                        + "and period = 'DAY'), (select count(*) from forest.energy_ball where user_id like ?), "
                        + "(select coalesce(sum(grams), 0) from forest.energy_ball where user_id like ?), "
                        + "(select count(*) from forest.outbox_event where ce_type = 'forest.energy-credited' "
                        + "and partition_key like ?)",
                like,
                like,
                like,
                like);
    }

    long unsent() {
        return probe.longs("select count(*) from forest.outbox_pending where partition_key like ?", users + "%")[0];
    }

    /** forest.energy-credited messages of these users on the topic, and distinct ce_ids among them. */
    long[] published() {
        return probe.published("forest.events", r -> r.key() != null && r.key().startsWith(users));
    }

    /** Credited rides when every user reached the cap. */
    long credited() {
        return (long) events / RIDES_PER_USER * DAILY_CAP;
    }

    /** Waits until every ride took effect and forest-service processed everything on its topic (so a duplicate would show). */
    void awaitAll() {
        Probe.await(name + ": all " + events + " rides", () -> effects()[0] >= events);
        Probe.await(
                name + ": lowcarbon.actions consumed to its end",
                () -> probe.lag("forest-service", "lowcarbon.actions") == 0);
    }

    void report(String notes) {
        long[] e = effects();
        long[] c = counters();
        long lost = events - e[0];
        long duplicated = (c[0] - e[1]) + (c[1] - e[1]) + (c[3] - e[1]);
        report.add(String.format(
                "| %s | %d rides | %d actions, %d credited (%d g), %d capped | %d | %d | %s |",
                name, events, e[0], e[1], e[2], e[0] - e[1], lost, duplicated, notes));
        assertEquals(0, lost, name + ": lost");
        assertEquals(0, duplicated, name + ": duplicated");
        assertEquals(credited(), e[1], name + ": 5 rides a day credited per user, the sixth capped");
        assertEquals(e[2], c[2], name + ": the balls hold the credited grams");
    }
}
