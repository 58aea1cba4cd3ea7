package io.resellerkit;

/**
 * Told of every public call once, when it ends: for metrics, tracing or logs. Set with
 * {@link ResellerKit.Builder#observer}; the default observes nothing.
 *
 * <p>An operation is named after its service and method, in lower case with underscores:
 * {@code reseller.change_quotas}, {@code user.create}, {@code license.assign_to_user},
 * {@code audit.export}, and {@code user.bootstrap_admin} for {@link ResellerKit#bootstrapAdmin}.
 * Overloads share a name ({@code user.delete} with or without an expected version). The names
 * are stable across versions; a new method brings a new name.
 *
 * <p>The observer runs on the calling thread, after the call's unit of work has ended, so it
 * should be quick. If it throws, the call's result or error reaches the caller as if it had not
 * been observed (the first such failure logs at warn, later ones at debug).
 */
@FunctionalInterface
public interface OperationObserver {

    /** The outcome of a call that returned normally. */
    String OK = "ok";

    /** The outcome of a call that threw anything but a ResellerKit error (a bug, or a host's export sink failing). */
    String UNEXPECTED = "unexpected";

    /**
     * A call ended.
     *
     * @param operation     the operation's stable name, such as {@code user.create}
     * @param outcome       {@link #OK}, the {@link io.resellerkit.error.ErrorCode#code() code} of the
     *                      ResellerKit error the call threw (such as {@code quota_exceeded}), or {@link #UNEXPECTED}
     * @param durationNanos how long the call took, from {@link System#nanoTime()}
     */
    void completed(String operation, String outcome, long durationNanos);
}
