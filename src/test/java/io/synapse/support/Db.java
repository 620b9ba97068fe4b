package io.synapse.support;

import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Direct database access for assertions ("the data is as it was") and for setting up edge cases. */
public final class Db {

    private Db() {
    }

    public static <T> T tx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    public static void run(Runnable work) {
        QuarkusTransaction.requiringNew().run(work);
    }

    /** For rows written asynchronously (denial audit rows): polls up to five seconds. */
    public static void eventually(BooleanSupplier condition) {
        eventually(condition, 5);
    }

    /** The same with a budget in seconds, for work queued behind other work (mail). */
    public static void eventually(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("condition not met within " + seconds + " s");
    }
}
