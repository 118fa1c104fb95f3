package org.gongyi.common.certificate;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * A certificate people keep: what it certifies as labelled lines, its number, and the public page that verifies the
 * number ({@link CertificatePdf} makes the PDF). It names no one: anyone holding the number reads the same.
 *
 * @param title e.g. {@code 植树证书 · Tree Certificate}
 * @param programme the product that issues it, e.g. {@code 蚂蚁森林 · Green Forest}
 */
public record Certificate(String title, String programme, String certificateNo, List<Line> lines, URI verifiedAt) {

    /** One thing certified: {@code 树种 · Species} and {@code 梭梭 Saxaul}. */
    public record Line(String label, String value) {
        public Line {
            Objects.requireNonNull(label);
            Objects.requireNonNull(value);
        }
    }

    public Certificate {
        Objects.requireNonNull(title);
        Objects.requireNonNull(programme);
        Objects.requireNonNull(certificateNo);
        lines = List.copyOf(lines);
        Objects.requireNonNull(verifiedAt);
    }

    private static final DateTimeFormatter CHINA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    /** An instant as a certificate says it: {@code 2026-12-05 14:03 北京时间 · China time}. */
    public static String chinaTime(Instant instant) {
        return CHINA_TIME.format(instant) + " 北京时间 · China time";
    }

    /** The page at {@code pages} (ending in {@code /}) that verifies this number. */
    public static URI page(URI pages, String certificateNo) {
        return pages.resolve(certificateNo);
    }
}
