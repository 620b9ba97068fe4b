package io.synapse.telemetry.analytics;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The latency histogram's buckets in Java, exactly as the SQL functions telemetry_latency_bucket
 * and telemetry_bucket_upper_ms define them: bucket b holds latencies up to floor(2^(b/8)) ms, so
 * a latency's bucket is the first whose bound reaches it. The 256 bounds are computed once with
 * integer arithmetic (a double 2^(b/8) could land on the wrong side of an integer), and a lookup
 * is a binary search.
 */
public final class LatencyBuckets {

    public static final int NONE = 65_535;
    private static final int[] UPPER = new int[256];

    static {
        for (int b = 0; b < UPPER.length; b++) {
            // The largest u with u^8 <= 2^b, capped at the integer limit as the SQL function is.
            BigInteger limit = BigInteger.ONE.shiftLeft(b);
            long u = (long) Math.floor(Math.pow(2, b / 8.0));
            while (BigInteger.valueOf(u).pow(8).compareTo(limit) > 0) {
                u--;
            }
            while (BigInteger.valueOf(u + 1).pow(8).compareTo(limit) <= 0) {
                u++;
            }
            UPPER[b] = (int) Math.min(Integer.MAX_VALUE, u);
        }
    }

    private LatencyBuckets() {
    }

    public static int bucket(long ms) {
        if (ms <= 1) {
            return 0;
        }
        if (ms >= Integer.MAX_VALUE) {
            return 248;
        }
        int i = Arrays.binarySearch(UPPER, (int) ms);
        if (i < 0) {
            return -i - 1;
        }
        // Equal bounds repeat for small b (2^(1/8) floors to 1): the first bucket whose bound reaches ms.
        while (i > 0 && UPPER[i - 1] >= ms) {
            i--;
        }
        return i;
    }

    public static int upper(int bucket) {
        return UPPER[bucket];
    }
}
