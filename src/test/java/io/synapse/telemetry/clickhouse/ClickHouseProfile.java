package io.synapse.telemetry.clickhouse;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Workload events in ClickHouse (a database of their own), everything else as usual. */
public class ClickHouseProfile implements QuarkusTestProfile {

    /** One database per test run, dropped after it: a schema left by an older build never meets a newer one. */
    static final String DATABASE = "synapse_test_" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("synapse.telemetry.store", "clickhouse", "synapse.telemetry.clickhouse.database", DATABASE);
    }
}
