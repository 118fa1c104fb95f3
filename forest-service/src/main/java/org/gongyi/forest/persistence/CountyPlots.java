package org.gongyi.forest.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** County plots: each claimed by one user at most. */
@ApplicationScoped
public class CountyPlots {

    private static final String INSERT = """
            insert into county_plot (id, county, name, size_m2, price_grams, claimed_by, claimed_at, certificate_no,
                                     created_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """;
    private static final String BY_ID = "select %s from county_plot where id = $1".formatted(CountyPlot.COLUMNS);
    private static final String PAGE = """
            select %s from county_plot order by created_at, id limit $1 offset $2
            """.formatted(CountyPlot.COLUMNS);
    private static final String PAGE_UNCLAIMED = """
            select %s from county_plot where claimed_by is null order by created_at, id limit $1 offset $2
            """.formatted(CountyPlot.COLUMNS);
    /** Only while nobody claimed it. */
    private static final String CLAIM_UNCLAIMED = """
            update county_plot set claimed_by = $2, claimed_at = $3, certificate_no = $4
            where id = $1 and claimed_by is null
            """;

    private static final String CLAIMED_BY = """
            select %s from county_plot where claimed_by = $1 order by claimed_at desc limit 500
            """.formatted(CountyPlot.COLUMNS);
    private static final String COUNT_CLAIMED = """
            select count(*) as claimed from county_plot where claimed_by is not null
            """;

    private final Db db;

    public CountyPlots(Db db) {
        this.db = db;
    }

    public Uni<CountyPlot> insert(CountyPlot p) {
        return db.update(
                        INSERT,
                        p.id(),
                        p.county(),
                        p.name(),
                        p.sizeM2(),
                        p.priceGrams(),
                        p.claimedBy(),
                        p.claimedAt(),
                        p.certificateNo(),
                        p.createdAt())
                .replaceWith(p);
    }

    /** The plot, or null. */
    public Uni<CountyPlot> find(UUID id) {
        return db.first(BY_ID, CountyPlot::from, id);
    }

    public Uni<List<CountyPlot>> page(boolean unclaimedOnly, int page, int size) {
        return db.list(unclaimedOnly ? PAGE_UNCLAIMED : PAGE, CountyPlot::from, size, page * size);
    }

    /** True when the plot was unclaimed and is now the user's. */
    public Uni<Boolean> claim(UUID id, String user, Instant now, String certificateNo) {
        return db.update(CLAIM_UNCLAIMED, id, user, now, certificateNo).map(n -> n == 1);
    }

    /** The user's latest 500 plots, newest claim first. */
    public Uni<List<CountyPlot>> claimedBy(String user) {
        return db.list(CLAIMED_BY, CountyPlot::from, user);
    }

    public Uni<Long> countClaimed() {
        return db.first(COUNT_CLAIMED, row -> row.getLong("claimed"));
    }
}
