package org.gongyi.volunteer.domain;

import org.gongyi.common.time.ChinaTime;

import java.time.Duration;
import java.time.Instant;

/**
 * Welfare time (公益时), in tenths of an hour: offline service earns 1 per full 6 minutes (no yearly cap); a
 * donation or cause-linked purchase 1, at most 5 a year; a tree planted alone 10 (co-planted 5 each); 200 ml of
 * blood 40. The pledge is 30 (3 hours) a person a year, years in Asia/Shanghai.
 */
public final class WelfareTime {

    public enum Source {
        OFFLINE_SERVICE,
        DONATION,
        TREE,
        BLOOD
    }

    public static final int PLEDGE_TENTHS = 30;
    public static final int DONATION_TENTHS = 1;
    public static final int DONATION_YEARLY_CAP = 5;
    public static final int TREE_TENTHS = 10;
    /** Ours: a tree two people co-planted earns each of them half. */
    public static final int CO_PLANTED_TREE_TENTHS = 5;

    public static final int BLOOD_TENTHS = 40;

    private WelfareTime() {}

    /** Tenths for a stretch of service: one per full 6 minutes (5 min 59 s earn nothing). */
    public static int forService(Duration served) {
        if (served.isNegative()) {
            throw new IllegalArgumentException("negative service time");
        }
        return (int) (served.toMinutes() / 6);
    }

    /** Tenths for a blood donation: 40 per full 200 ml. */
    public static int forBlood(int volumeMl) {
        if (volumeMl < 200) {
            throw new IllegalArgumentException("a blood donation is at least 200 ml");
        }
        return volumeMl / 200 * BLOOD_TENTHS;
    }

    /** The yearly cap of a source, or null when it has none. */
    public static Integer yearlyCap(Source source) {
        return source == Source.DONATION ? DONATION_YEARLY_CAP : null;
    }

    public static int year(Instant at) {
        return at.atZone(ChinaTime.ZONE).getYear();
    }

    /** Tenths as hours for people: 25 → "2.5". */
    public static String hours(long tenths) {
        return (tenths / 10) + "." + (tenths % 10);
    }
}
