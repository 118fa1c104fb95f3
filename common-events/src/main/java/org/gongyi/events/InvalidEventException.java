package org.gongyi.events;

/**
 * An event that can never be processed as it is (not JSON, missing CloudEvents headers, fails its schema).
 * Consumers send it to their dead-letter topic with this message as the reason, instead of retrying it.
 */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
