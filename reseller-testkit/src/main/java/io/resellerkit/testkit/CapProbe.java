package io.resellerkit.testkit;

import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.IdempotencyKeys;
import io.resellerkit.spi.LicenseStore;
import io.resellerkit.spi.OrganizationStore;
import io.resellerkit.spi.ResellerStore;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.UsageCounter;
import io.resellerkit.spi.UsageCounters;
import io.resellerkit.spi.UserStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A storage that passes everything through and notes, inside the unit that changes a cap, the
 * count the cap was set against. That unit holds the counter's row lock from its change to its
 * commit, so the count it reads there is exactly the number of slots taken before the new cap
 * took force: no create can pass the new cap after that, so a count above both is an overrun.
 * A unit that runs again overwrites the note, so the note is the committed run's.
 */
final class CapProbe implements Storage {
    private final Storage storage;
    private final Map<UsageCounter, Long> usageAtCapChange = new ConcurrentHashMap<>();
    private final UsageCounters counters;

    CapProbe(Storage storage) {
        this.storage = storage;
        UsageCounters real = storage.usageCounters();
        this.counters = new UsageCounters() {
            @Override
            public void create(UsageCounter counter, long limit) {
                real.create(counter, limit);
            }

            @Override
            public Optional<Reservation> tryIncrement(UsageCounter counter) {
                return real.tryIncrement(counter);
            }

            @Override
            public Optional<Reservation> tryAdd(UsageCounter counter, long amount) {
                return real.tryAdd(counter, amount);
            }

            @Override
            public boolean tryDecrement(UsageCounter counter, long floor) {
                return real.tryDecrement(counter, floor);
            }

            @Override
            public void setLimit(UsageCounter counter, long limit) {
                real.setLimit(counter, limit);
                usageAtCapChange.put(counter, real.usage(counter));
            }

            @Override
            public long usage(UsageCounter counter) {
                return real.usage(counter);
            }

            @Override
            public void remove(UsageCounter counter) {
                real.remove(counter);
            }
        };
    }

    /** The count when the counter's cap last changed, 0 if it never did. */
    long usageAtCapChange(UsageCounter counter) {
        return usageAtCapChange.getOrDefault(counter, 0L);
    }

    @Override
    public ResellerStore resellers() {
        return storage.resellers();
    }

    @Override
    public UserStore users() {
        return storage.users();
    }

    @Override
    public OrganizationStore organizations() {
        return storage.organizations();
    }

    @Override
    public LicenseStore licenses() {
        return storage.licenses();
    }

    @Override
    public AuditTrail auditTrail() {
        return storage.auditTrail();
    }

    @Override
    public UsageCounters usageCounters() {
        return counters;
    }

    @Override
    public IdempotencyKeys idempotencyKeys() {
        return storage.idempotencyKeys();
    }

    @Override
    public io.resellerkit.spi.TransferTokens transferTokens() {
        return storage.transferTokens();
    }

    @Override
    public io.resellerkit.spi.AccessGrants accessGrants() {
        return storage.accessGrants();
    }

    @Override
    public io.resellerkit.spi.WebhookStore webhooks() {
        return storage.webhooks();
    }

    @Override
    public UnitOfWork unitOfWork() {
        return storage.unitOfWork();
    }
}
