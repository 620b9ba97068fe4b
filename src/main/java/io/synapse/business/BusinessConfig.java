package io.synapse.business;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** synapse.business.*: how long one CSV import may take. */
@ConfigMapping(prefix = "synapse.business")
public interface BusinessConfig {

    /**
     * The import transaction's timeout. The default transaction timeout (60 s) would cancel any
     * import of more than about three million rows; an hour covers tens of millions.
     */
    @WithDefault("PT1H")
    Duration importTimeout();
}
