package org.gongyi.common.persistence;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.util.UUID;

/**
 * Ids of new rows and events, time-ordered (UUID version 7: the millisecond, then random bits, increasing within a
 * millisecond). Written on a hot path, they land on the right edge of a primary key's B-tree, where random ids (version
 * 4) touch a different page each — a page read, and after every checkpoint a full page in the write-ahead log.
 */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {}

    public static UUID next() {
        return GENERATOR.generate();
    }
}
