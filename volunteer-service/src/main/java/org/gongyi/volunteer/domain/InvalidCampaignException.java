package org.gongyi.volunteer.domain;

/** A campaign its rule refuses: a client's error, said in the message. */
public class InvalidCampaignException extends RuntimeException {
    public InvalidCampaignException(String message) {
        super(message);
    }
}
