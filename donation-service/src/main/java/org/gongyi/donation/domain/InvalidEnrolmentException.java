package org.gongyi.donation.domain;

/** A programme or an enrolment its rule refuses: a client's error, said in the message. */
public class InvalidEnrolmentException extends RuntimeException {
    public InvalidEnrolmentException(String message) {
        super(message);
    }
}
