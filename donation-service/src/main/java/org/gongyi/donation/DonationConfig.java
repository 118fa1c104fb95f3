package org.gongyi.donation;

import io.smallrye.config.ConfigMapping;

/** donation-service's own settings ({@code gongyi.donation.*} in its application.properties). */
@ConfigMapping(prefix = "gongyi.donation")
public interface DonationConfig {

    /**
     * How many benefits a payout buys per statement (and events per outbox append): a payout buying a million covers
     * goes through in chunks instead of holding them all at once.
     */
    int benefitChunk();
}
