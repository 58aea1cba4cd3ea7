package io.resellerkit.testkit;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small channel to test against: the vendor, and two resellers (Acme and Beta), each with
 * a reseller admin, an organization with its admin and a user, and a license assigned to that
 * user. Every actor has a {@link RequestContext}.
 */
public final class World {
    /** The kit's clock; tests move it forward. */
    public final SteppingClock clock = new SteppingClock();
    public final ResellerKit kit;
    public final User vendor;
    public final RequestContext asVendor;
    public final Tenant acme;
    public final Tenant beta;

    /** One reseller's side of the world. */
    public static final class Tenant {
        public final Reseller reseller;
        public final User admin;
        public final Organization organization;
        public final User organizationAdmin;
        public final User user;
        public final License license;
        public final RequestContext asAdmin;
        public final RequestContext asOrganizationAdmin;
        public final RequestContext asUser;

        Tenant(World w, String name, int allowedUsers, int allowedOrganizations) {
            String domain = name.toLowerCase() + ".example";
            reseller = w.kit.resellers().create(w.asVendor,
                    CreateReseller.of(name, "ops@" + domain, allowedUsers, allowedOrganizations));
            admin = w.kit.users().create(w.asVendor,
                    CreateUser.of(name, "Admin", "admin@" + domain, Role.RESELLER_ADMIN).inReseller(reseller.id()));
            asAdmin = RequestContext.of(admin.id());
            organization = w.kit.organizations().create(asAdmin,
                    CreateOrganization.of(name + " Customer", "it@customer." + domain, 10, reseller.id()));
            organizationAdmin = w.kit.users().create(asAdmin, CreateUser.of("Olga", "OrgAdmin",
                    "orgadmin@customer." + domain, Role.ORGANIZATION_ADMIN).inOrganization(organization.id()));
            user = w.kit.users().create(asAdmin,
                    CreateUser.of("Ulla", "User", "user@customer." + domain, Role.USER).inOrganization(organization.id()));
            License created = w.kit.licenses().create(w.asVendor, CreateLicense.of("pro", 1, null, reseller.id()));
            license = w.kit.licenses().assignToUser(asAdmin, created.id(), user.id());
            asOrganizationAdmin = RequestContext.of(organizationAdmin.id());
            asUser = RequestContext.of(user.id());
        }
    }

    /** Builds the world on an empty storage, Acme with room for 10 users and 5 organizations. */
    public World(Storage storage) {
        this(storage, 10, 5);
    }

    public World(Storage storage, int acmeUsers, int acmeOrganizations) {
        // A vendor that lets each reseller's admin register a few webhook endpoints of its own.
        kit = ResellerKit.builder(storage).clock(clock).resellerWebhooks(3).build();
        vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        asVendor = new RequestContext(vendor.id(), "req-vendor");
        acme = new Tenant(this, "Acme", acmeUsers, acmeOrganizations);
        beta = new Tenant(this, "Beta", 10, 5);
    }

    /** A clock that moves one millisecond forward on every reading, so times are distinct and ordered. */
    public static final class SteppingClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }

        /** Moves the clock forward by {@code by}, at once. */
        public void advance(java.time.Duration by) {
            millis.addAndGet(by.toMillis());
        }
    }
}
