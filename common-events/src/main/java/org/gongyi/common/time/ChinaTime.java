package org.gongyi.common.time;

import java.time.ZoneId;

/** The platform's calendar: days, months, years and hours as its users in China count them (China Standard Time). */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {}
}
