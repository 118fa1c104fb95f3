package org.gongyi.common.http;

/** Thrown by resources and services for a request the client must change; becomes a problem+json response. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final Long retryAfterSeconds;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    private ProblemException(int status, String title, String detail, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.title = title;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429, with the seconds to wait in {@code Retry-After}. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "Too Many Requests", detail, Math.max(1, retryAfterSeconds));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Seconds for a {@code Retry-After} header; null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
