package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.AccessGrants;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Access grants in memory, by id. Grants are immutable values, so what is stored cannot change
 * behind the store's back; units of work run one writer at a time, so a revocation is atomic.
 */
final class InMemoryAccessGrants implements AccessGrants {
    private static final Comparator<AccessGrant> OLDEST_FIRST =
            Comparator.comparing(AccessGrant::createdAt).thenComparing(AccessGrant::id);
    private final Transactions tx;
    private final Map<String, AccessGrant> byId = new ConcurrentHashMap<>();

    InMemoryAccessGrants(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(AccessGrant grant) {
        tx.change(() -> {
            if (byId.putIfAbsent(grant.id(), grant) != null) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, "the access grant exists");
            }
        }, () -> byId.remove(grant.id()));
    }

    @Override
    public Optional<AccessGrant> findById(String id) {
        return tx.query(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<AccessGrant> findByGrantee(UserId grantee) {
        return find(g -> g.granteeId().equals(grantee));
    }

    @Override
    public List<AccessGrant> findByOrganization(OrganizationId organization) {
        return find(g -> g.organizationId().equals(organization));
    }

    @Override
    public boolean revoke(String id, Instant at) {
        AccessGrant[] before = new AccessGrant[1];
        tx.change(() -> {
            AccessGrant g = byId.get(id);
            if (g != null && g.revokedAt() == null) {
                before[0] = g;
                byId.put(id, g.revoked(at));
            }
        }, () -> {
            if (before[0] != null) {
                byId.put(id, before[0]);
            }
        });
        return before[0] != null;
    }

    private List<AccessGrant> find(Predicate<AccessGrant> matching) {
        return tx.query(() -> byId.values().stream().filter(matching).sorted(OLDEST_FIRST).toList());
    }
}
