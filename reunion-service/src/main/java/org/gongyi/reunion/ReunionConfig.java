package org.gongyi.reunion;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** reunion-service's own settings ({@code gongyi.reunion.*} in its application.properties). */
@ConfigMapping(prefix = "gongyi.reunion")
public interface ReunionConfig {

    /** How long elders' positions are kept. */
    Duration positionRetention();

    /** Leads one person may send per {@link #leadWindow()}. */
    int leadsPerWindow();

    Duration leadWindow();

    /** Reports of a missing child one person may make per {@link #childReportWindow()}. */
    int childReportsPerWindow();

    Duration childReportWindow();

    /** The public sees alerts published in the last this many days. */
    int publicAlertDays();

    /** How long an agency sees an escalation (and may publish a case from it). */
    Duration escalationAccess();

    /** Devices one person may opt in to alerts. */
    int devicesPerUser();

    /** How often due pushes are sent, as the schedule reads it ({@code off} stops it, as in the tests). */
    String pushEvery();

    /** How often positions older than {@link #positionRetention()} are purged (a schedule). */
    String purgeEvery();

    /** How often opted-out devices' delivery traces are erased (a schedule). */
    String eraseEvery();
}
