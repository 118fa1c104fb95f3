package org.gongyi.volunteer.persistence;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gongyi.common.persistence.Db;
import org.gongyi.volunteer.domain.GeoPoint;

import java.time.Instant;
import java.util.UUID;

/**
 * An activity an organisation publishes: volunteers sign up to its places. {@code confirmed} ≤ {@code capacity}. Its
 * {@code city} (null for activities published before cities were asked) and {@code category} are what people search
 * by; {@code location}, when given, is where it happens on the map, and check-ins that give a position must come
 * from within {@code checkInRadiusM} of it.
 */
public record Activity(
        UUID id,
        String organisationId,
        String title,
        String description,
        String place,
        Instant startsAt,
        Instant endsAt,
        Instant signUpDeadline,
        int capacity,
        int confirmed,
        Status status,
        String createdBy,
        Instant createdAt,
        Instant cancelledAt,
        Instant remindedAt,
        String checkInCode,
        String city,
        Category category,
        GeoPoint location,
        Integer checkInRadiusM) {

    @Schema(name = "ActivityStatus")
    public enum Status {
        OPEN,
        CANCELLED
    }

    /** What an activity is for, as people look for activities. */
    @Schema(name = "ActivityCategory")
    public enum Category {
        /** 助老: the elderly */
        ELDERLY,
        /** 关爱儿童: children */
        CHILDREN,
        /** 环保: the environment */
        ENVIRONMENT,
        /** 助学支教: education */
        EDUCATION,
        /** 社区服务: the community */
        COMMUNITY,
        /** 医疗健康: health */
        HEALTH,
        /** 应急救灾: disasters */
        DISASTER,
        /** 动物保护: animals */
        ANIMALS,
        /** 文化: culture */
        CULTURE,
        OTHER
    }

    /** The check-in radius of an activity with a place when its organisation names none. */
    public static final int DEFAULT_CHECK_IN_RADIUS_M = 500;

    static final String COLUMNS = """
            id, organisation_id, title, description, place, starts_at, ends_at, sign_up_deadline, capacity, confirmed,
            status, created_by, created_at, cancelled_at, reminded_at, check_in_code, city, category, latitude, longitude,
            check_in_radius_m""";

    static Activity from(Row row) {
        return new Activity(
                row.getUUID("id"),
                row.getString("organisation_id"),
                row.getString("title"),
                row.getString("description"),
                row.getString("place"),
                Db.instant(row, "starts_at"),
                Db.instant(row, "ends_at"),
                Db.instant(row, "sign_up_deadline"),
                row.getInteger("capacity"),
                row.getInteger("confirmed"),
                Status.valueOf(row.getString("status")),
                row.getString("created_by"),
                Db.instant(row, "created_at"),
                Db.instant(row, "cancelled_at"),
                Db.instant(row, "reminded_at"),
                row.getString("check_in_code"),
                row.getString("city"),
                Category.valueOf(row.getString("category")),
                row.getDouble("latitude") == null
                        ? null
                        : new GeoPoint(row.getDouble("latitude"), row.getDouble("longitude")),
                row.getInteger("check_in_radius_m"));
    }

    public int placesLeft() {
        return capacity - confirmed;
    }

    /** What an organisation asks for; {@link #open} makes it an activity. */
    public record Draft(
            String organisationId,
            String title,
            String description,
            String place,
            Instant startsAt,
            Instant endsAt,
            Instant signUpDeadline,
            int capacity,
            String createdBy,
            String city,
            Category category,
            GeoPoint location,
            Integer checkInRadiusM) {

        public Activity open(UUID id, String checkInCode, Instant now) {
            return new Activity(
                    id,
                    organisationId,
                    title,
                    description,
                    place,
                    startsAt,
                    endsAt,
                    signUpDeadline,
                    capacity,
                    0,
                    Status.OPEN,
                    createdBy,
                    now,
                    null,
                    null,
                    checkInCode,
                    city,
                    category,
                    location,
                    checkInRadiusM);
        }
    }
}
