package org.gongyi.common.http;

/** Bounds of a paged list: {@code page × size} stays far inside an int offset (beyond the last page: an empty list). */
public final class Paging {
    /** The highest page number a list takes ({@code @Max(Paging.MAX_PAGE)}); higher is a 400, not an overflow. */
    public static final int MAX_PAGE = 100_000;

    private Paging() {}
}
