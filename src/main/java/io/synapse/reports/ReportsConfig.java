package io.synapse.reports;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** synapse.reports.*: e-mail retries and the schedule clock. */
@ConfigMapping(prefix = "synapse.reports")
public interface ReportsConfig {

    /** E-mail attempts per delivery, the first included. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubled after each failure. */
    @WithDefault("PT1M")
    Duration retryBackoff();

    /** How often failed e-mails due for a retry are picked up ("off" disables it). */
    @WithDefault("30s")
    String retryEvery();

    /** How often due schedules are looked for ("off" disables it). */
    @WithDefault("30s")
    String scheduleEvery();
}
