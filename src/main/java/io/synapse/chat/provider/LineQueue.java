package io.synapse.chat.provider;

import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The provider's response as lines the request thread pulls with a deadline. The JDK client has
 * no read timeout once headers are in, and a stalled stream must still end at the configured
 * time: polling a queue with the time left is how the deadline covers the whole reply.
 */
final class LineQueue implements Flow.Subscriber<String> {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private final long deadline;

    LineQueue(long deadlineNanos) {
        this.deadline = deadlineNanos;
    }

    void status(int code) {
        status.complete(code);
    }

    void fail(Throwable error) {
        status.completeExceptionally(error);
        items.add(error);
    }

    int awaitStatus() throws ProviderFailure {
        try {
            return status.get(remaining(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timeout();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(ProviderFailure.UNREACHABLE, "Interrupted while waiting for the model provider");
        }
    }

    /** The next line, or null at the end of the body. */
    String next() throws ProviderFailure {
        Object item;
        try {
            item = items.poll(remaining(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderFailure(ProviderFailure.UNREACHABLE, "Interrupted while reading the model provider's reply");
        }
        if (item == null) {
            throw timeout();
        }
        if (item == END) {
            return null;
        }
        if (item instanceof Throwable error) {
            throw failure(error);
        }
        return (String) item;
    }

    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        items.add(line);
    }

    @Override
    public void onError(Throwable error) {
        items.add(error);
    }

    @Override
    public void onComplete() {
        items.add(END);
    }

    private long remaining() {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static ProviderFailure timeout() {
        return new ProviderFailure(ProviderFailure.TIMEOUT, "The model provider did not answer in time");
    }

    private static ProviderFailure failure(Throwable error) {
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException) {
            return timeout();
        }
        return new ProviderFailure(ProviderFailure.UNREACHABLE, "The model provider could not be reached: " + cause.getClass().getSimpleName());
    }
}
