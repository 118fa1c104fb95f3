package org.gongyi.volunteer;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** volunteer-service's own settings ({@code gongyi.volunteer.*} in its application.properties). */
@ConfigMapping(prefix = "gongyi.volunteer")
public interface VolunteerConfig {

    /** Confirmed volunteers are reminded this long before an activity starts. */
    Duration remindBefore();

    /** How often reminders due are looked for, as the schedule reads it ({@code off} in the tests). */
    String remindEvery();

    /** Sign-ups one person may make per {@link #signUpWindow()}. */
    int signUpsPerWindow();

    Duration signUpWindow();

    /** Check-in opens this long before an activity starts and closes this long after it ends. */
    Duration checkInGrace();
}
