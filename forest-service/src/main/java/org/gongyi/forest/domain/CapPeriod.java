package org.gongyi.forest.domain;

/** The calendar period a cap counts over, in Asia/Shanghai time. */
public enum CapPeriod {
    DAY,
    MONTH
}
