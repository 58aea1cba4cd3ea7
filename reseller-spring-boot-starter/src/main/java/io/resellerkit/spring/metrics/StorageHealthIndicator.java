package io.resellerkit.spring.metrics;

import io.resellerkit.error.ResellerKitException;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.spi.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether ResellerKit's storage answers: one read unit that finds at most one reseller. Down, it
 * tells only the error code ({@code storage_error} mostly), never the error's message, which may
 * quote SQL or a connection string; the log has the whole error.
 */
public final class StorageHealthIndicator implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(StorageHealthIndicator.class);
    private final Storage storage;

    /** Checks {@code storage}. */
    public StorageHealthIndicator(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Health health() {
        try {
            storage.unitOfWork().read(() -> storage.resellers().find(ResellerQuery.all(), null, 1));
            return Health.up().build();
        } catch (ResellerKitException e) {
            return down(e.code().code(), e);
        } catch (RuntimeException e) {
            return down("unexpected", e);
        }
    }

    private static Health down(String code, RuntimeException e) {
        LOG.warn("ResellerKit's storage is down ({})", code, e);
        return Health.down().withDetail("code", code).build();
    }
}
