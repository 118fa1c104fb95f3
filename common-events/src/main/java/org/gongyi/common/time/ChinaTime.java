package org.gongyi.common.time;

import java.time.ZoneId;

/** The platform's calendar: days, months, years and hours as its users in China count them (China Standard Time). */
public final class ChinaTime {

    /** Its name, for annotations and SQL ({@code at time zone}). */
    public static final String NAME = "Asia/Shanghai";

    public static final ZoneId ZONE = ZoneId.of(NAME);

    private ChinaTime() {}
}
