package io.synapse.telemetry.analytics;

import java.math.BigDecimal;
import java.util.TreeMap;

/** Sums of one group; the histogram merges bucket counts (bucket -> [upper bound, count]). */
public final class WorkloadFigures {
    long events, errors, prompt, completion, total, latCount, latSum;
    BigDecimal cost = BigDecimal.ZERO;
    Integer latMin, latMax;
    final TreeMap<Integer, long[]> histogram = new TreeMap<>();

    public void add(long n, long err, long p, long comp, long tot, BigDecimal money, long ln, long ls, Integer min, Integer max) {
        events += n;
        errors += err;
        prompt += p;
        completion += comp;
        total += tot;
        cost = cost.add(money == null ? BigDecimal.ZERO : money);
        latCount += ln;
        latSum += ls;
        latMin = min == null ? latMin : latMin == null ? min : Math.min(latMin, min);
        latMax = max == null ? latMax : latMax == null ? max : Math.max(latMax, max);
    }

    public void histogram(int bucket, int upper, long count) {
        histogram.computeIfAbsent(bucket, b -> new long[] { upper, 0 })[1] += count;
    }

    /** percentile_disc's rank (the first value whose cumulative share reaches p), mapped to its bucket's upper bound. */
    Integer percentile(double p) {
        long n = histogram.values().stream().mapToLong(v -> v[1]).sum();
        if (n == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * n));
        long seen = 0;
        for (long[] bucket : histogram.values()) {
            seen += bucket[1];
            if (seen >= rank) {
                return latMax == null ? (int) bucket[0] : (int) Math.min(bucket[0], latMax);
            }
        }
        return latMax;
    }

    public WorkloadReport.Row row(String key, String label) {
        Double errorRate = events == 0 ? null : Math.round(errors * 10_000.0 / events) / 10_000.0;
        Double avg = latCount == 0 ? null : Math.round(latSum * 100.0 / latCount) / 100.0;
        return new WorkloadReport.Row(key, label, events, errors, errorRate, prompt, completion, total, cost,
                new WorkloadReport.Latency(latCount, avg, latMin, latMax, percentile(0.50), percentile(0.95), percentile(0.99)));
    }
}
