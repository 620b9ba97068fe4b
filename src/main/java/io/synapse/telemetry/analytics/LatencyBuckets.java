package io.synapse.telemetry.analytics;

import java.math.BigInteger;

/**
 * The latency histogram's buckets in Java, exactly as the SQL functions telemetry_latency_bucket
 * and telemetry_bucket_upper_ms define them (bucket b holds latencies up to 2^(b/8) ms), for stores
 * that cannot run those functions (ClickHouse). Integer arithmetic decides the edges: a double
 * log2(256) may come out as 8.000000000000002 and put 256 ms one bucket too high.
 */
public final class LatencyBuckets {

    public static final int NONE = 65_535;
    private static final int MAX = 255;

    private LatencyBuckets() {
    }

    /** The smallest b with ms <= 2^(b/8), i.e. ms^8 <= 2^b. */
    public static int bucket(long ms) {
        if (ms <= 1) {
            return 0;
        }
        BigInteger power = BigInteger.valueOf(ms).pow(8);
        int b = Math.max(0, (int) Math.ceil(8 * Math.log(ms) / Math.log(2)) - 1);
        while (power.compareTo(BigInteger.ONE.shiftLeft(b)) > 0) {
            b++;
        }
        while (b > 0 && power.compareTo(BigInteger.ONE.shiftLeft(b - 1)) <= 0) {
            b--;
        }
        return Math.min(MAX, b);
    }

    /** floor(2^(b/8)): the largest integer u with u^8 <= 2^b. */
    public static int upper(int bucket) {
        BigInteger limit = BigInteger.ONE.shiftLeft(bucket);
        long u = (long) Math.floor(Math.pow(2, bucket / 8.0));
        while (BigInteger.valueOf(u).pow(8).compareTo(limit) > 0) {
            u--;
        }
        while (BigInteger.valueOf(u + 1).pow(8).compareTo(limit) <= 0) {
            u++;
        }
        return (int) Math.min(Integer.MAX_VALUE, u);
    }
}
