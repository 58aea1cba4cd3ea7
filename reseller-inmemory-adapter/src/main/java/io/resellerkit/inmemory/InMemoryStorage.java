package io.resellerkit.inmemory;

import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.AccessGrants;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.IdempotencyKeys;
import io.resellerkit.spi.Leases;
import io.resellerkit.spi.LicenseStore;
import io.resellerkit.spi.OrganizationStore;
import io.resellerkit.spi.ResellerStore;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.TailCheckpoints;
import io.resellerkit.spi.TransferTokens;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.UsageCounters;
import io.resellerkit.spi.UserStore;
import io.resellerkit.spi.WebhookStore;

/**
 * Storage that lives in the JVM's memory: for tests, demos and single-process embedding.
 * Thread-safe. Units of work run one writer at a time (readers run side by side, without a lock
 * unless a writer overlaps them, and see only committed state), and a unit that throws, outer or
 * nested, is undone completely. Nothing survives the JVM.
 */
public final class InMemoryStorage implements Storage {
    private final Transactions tx = new Transactions();
    private final Resellers resellers = new Resellers(tx);
    private final Users users = new Users(tx);
    private final Organizations organizations = new Organizations(tx);
    private final Licenses licenses = new Licenses(tx);
    private final InMemoryAuditTrail auditTrail = new InMemoryAuditTrail(tx);
    private final UsageCounters usageCounters = new InMemoryUsageCounters(tx);
    private final IdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys(tx);
    private final TransferTokens transferTokens = new InMemoryTransferTokens(tx);
    private final TailCheckpoints tailCheckpoints = new InMemoryTailCheckpoints(tx, auditTrail);
    private final Leases leases = new InMemoryLeases(tx);
    private final AccessGrants accessGrants = new InMemoryAccessGrants(tx);
    private final WebhookStore webhooks = new InMemoryWebhooks(tx);

    @Override
    public ResellerStore resellers() {
        return resellers;
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public OrganizationStore organizations() {
        return organizations;
    }

    @Override
    public LicenseStore licenses() {
        return licenses;
    }

    @Override
    public AuditTrail auditTrail() {
        return auditTrail;
    }

    @Override
    public UsageCounters usageCounters() {
        return usageCounters;
    }

    @Override
    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    @Override
    public TransferTokens transferTokens() {
        return transferTokens;
    }

    @Override
    public AccessGrants accessGrants() {
        return accessGrants;
    }

    @Override
    public UnitOfWork unitOfWork() {
        return tx;
    }

    @Override
    public TailCheckpoints tailCheckpoints() {
        return tailCheckpoints;
    }

    @Override
    public Leases leases() {
        return leases;
    }

    @Override
    public WebhookStore webhooks() {
        return webhooks;
    }

    private final class Resellers extends InMemoryEntityStore<ResellerId, Reseller, ResellerQuery>
            implements ResellerStore {
        Resellers(Transactions tx) {
            super("reseller", tx, ResellerQuery::matches, null, null);
        }

        @Override
        void requireReferences(Reseller r) {
            requireStored(resellers, r.parentId());
        }

        @Override
        boolean isReferredTo(ResellerId id) {
            return anyMatches(r -> id.equals(r.parentId()))
                    || organizations.anyMatches(o -> id.equals(o.resellerId()))
                    || users.anyMatches(u -> id.equals(u.resellerId()))
                    || licenses.anyMatches(l -> id.equals(l.resellerId()));
        }
    }

    private final class Users extends InMemoryEntityStore<UserId, User, UserQuery> implements UserStore {
        Users(Transactions tx) {
            // Emails are stored lower-case by the core; the index compares them as stored.
            super("user", tx, UserQuery::matches, User::email, "email");
        }

        @Override
        void requireReferences(User u) {
            requireStored(organizations, u.organizationId());
            requireStored(resellers, u.resellerId());
        }

        @Override
        boolean isReferredTo(UserId id) {
            return licenses.anyMatches(l -> id.equals(l.assignedUser()));
        }
    }

    private final class Organizations extends InMemoryEntityStore<OrganizationId, Organization, OrganizationQuery>
            implements OrganizationStore {
        Organizations(Transactions tx) {
            super("organization", tx, OrganizationQuery::matches, null, null);
        }

        @Override
        void requireReferences(Organization o) {
            requireStored(resellers, o.resellerId());
        }

        @Override
        boolean isReferredTo(OrganizationId id) {
            return users.anyMatches(u -> id.equals(u.organizationId()))
                    || licenses.anyMatches(l -> id.equals(l.assignedOrganization()));
        }
    }

    private final class Licenses extends InMemoryEntityStore<LicenseId, License, LicenseQuery>
            implements LicenseStore {
        Licenses(Transactions tx) {
            super("license", tx, LicenseQuery::matches, License::key, "key");
        }

        @Override
        void requireReferences(License l) {
            requireStored(users, l.assignedUser());
            requireStored(organizations, l.assignedOrganization());
            requireStored(resellers, l.resellerId());
        }
    }
}
