package org.gongyi.forest.domain;

final class Money {
    private Money() {}

    /** Fen as yuan for messages: 100 → "¥1.00". */
    static String yuan(long fen) {
        return String.format("¥%d.%02d", fen / 100, Math.abs(fen % 100));
    }
}
