package io.resellerkit.spring.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UsageCounter;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges {@code resellerkit.quota.usage} and {@code resellerkit.quota.limit}, tagged
 * {@code reseller} and {@code quota} ({@code users}, {@code organizations}), for the resellers an
 * application lists, and only those: one gauge per reseller would be unbounded. Each reading is one
 * read unit on the storage; a reseller that does not exist (yet, or any more) reads as NaN, and so
 * does a reading the storage fails. A limit of {@code -1} means unlimited, as in the API.
 */
public final class QuotaGauges {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaGauges.class);
    private final Storage storage;

    /**
     * Registers the four gauges of each listed reseller.
     *
     * @throws IllegalArgumentException if {@code resellerIds} has a blank id or more than
     *                                  {@link ResellerKitMetricsProperties#MAX_QUOTA_GAUGES} resellers
     */
    public QuotaGauges(MeterRegistry registry, Storage storage, Collection<String> resellerIds) {
        this.storage = storage;
        Set<String> ids = new LinkedHashSet<>(resellerIds);
        if (ids.size() > ResellerKitMetricsProperties.MAX_QUOTA_GAUGES) {
            throw new IllegalArgumentException("resellerkit.metrics.quota-gauges lists " + ids.size()
                    + " resellers, more than the " + ResellerKitMetricsProperties.MAX_QUOTA_GAUGES
                    + " allowed: each adds four time series, read from storage on every scrape");
        }
        for (String id : ids) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("resellerkit.metrics.quota-gauges has a blank reseller id");
            }
            ResellerId reseller = ResellerId.of(id);
            register(registry, reseller, "users", UsageCounter.Kind.RESELLER_USERS, Reseller::allowedUsers);
            register(registry, reseller, "organizations", UsageCounter.Kind.RESELLER_ORGANIZATIONS,
                    Reseller::allowedOrganizations);
        }
    }

    private void register(MeterRegistry registry, ResellerId reseller, String quota, UsageCounter.Kind counted,
                          ToIntFunction<Reseller> limit) {
        UsageCounter counter = new UsageCounter(counted, reseller.value());
        Gauge.builder("resellerkit.quota.usage", this, g -> g.read(reseller,
                        r -> (double) storage.usageCounters().usage(counter)))
                .description("How much of a reseller's quota is used")
                .tags("reseller", reseller.value(), "quota", quota)
                .strongReference(true)
                .register(registry);
        Gauge.builder("resellerkit.quota.limit", this, g -> g.read(reseller, r -> (double) limit.applyAsInt(r)))
                .description("A reseller's quota; -1 for unlimited")
                .tags("reseller", reseller.value(), "quota", quota)
                .strongReference(true)
                .register(registry);
    }

    /** {@code value} of the reseller, read in one read unit; NaN if there is no such reseller or the read fails. */
    private double read(ResellerId id, java.util.function.ToDoubleFunction<Reseller> value) {
        try {
            return storage.unitOfWork().read(() -> {
                Optional<Reseller> reseller = storage.resellers().findById(id);
                return reseller.isPresent() ? value.applyAsDouble(reseller.get()) : Double.NaN;
            });
        } catch (RuntimeException e) {
            LOG.debug("could not read the quota gauges of reseller {}", id.value(), e);
            return Double.NaN;
        }
    }
}
