package org.gongyi.donation.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gongyi.common.persistence.Db;

import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class Organisations {

    /** Creates or renames an organisation; verifying keeps the first verification time, unverifying clears it. */
    private static final String PUT = """
            insert into charity_organisation (id, name, verified_at, created_at)
            values ($1, $2, case when cast($3 as boolean) then cast($4 as timestamptz) end, $4)
            on conflict (id) do update
               set name = excluded.name,
                   verified_at = case when cast($3 as boolean)
                                      then coalesce(charity_organisation.verified_at, excluded.created_at) end
            returning %s
            """.formatted(CharityOrganisation.COLUMNS);

    private static final String BY_ID =
            "select %s from charity_organisation where id = $1".formatted(CharityOrganisation.COLUMNS);
    private static final String PAGE_BY_ID = """
            select %s from charity_organisation order by id limit $1 offset $2
            """.formatted(CharityOrganisation.COLUMNS);

    private final Db db;

    public Organisations(Db db) {
        this.db = db;
    }

    public Uni<CharityOrganisation> put(String id, String name, boolean verified, Instant now) {
        return db.first(PUT, CharityOrganisation::from, id, name, verified, now);
    }

    /** The organisation, or null. */
    public Uni<CharityOrganisation> find(String id) {
        return db.first(BY_ID, CharityOrganisation::from, id);
    }

    public Uni<List<CharityOrganisation>> page(int page, int size) {
        return db.list(PAGE_BY_ID, CharityOrganisation::from, size, page * size);
    }
}
