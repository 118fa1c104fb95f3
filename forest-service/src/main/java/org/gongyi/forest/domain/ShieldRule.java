package org.gongyi.forest.domain;

/**
 * How a shield item is earned: collecting one's own energy on {@link #DAYS} different days of a week (Monday to Sunday,
 * Asia/Shanghai) earns one item of {@link #HOURS} hours, once a week, at the collection that makes the fifth day.
 * Energy taken from friends does not count: a shield rewards tending one's own forest.
 */
public final class ShieldRule {

    public static final int DAYS = 5;
    public static final int HOURS = 24;

    private ShieldRule() {}
}
