package io.resellerkit.examples;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.ResellerService.Usage;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.GrantAccess;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.model.AccessGrant;
import io.resellerkit.model.AccessPermission;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.TransferToken;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.spi.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The channel story: a distributor with two sub-resellers whose caps are carved from its own, a
 * customer transferred between them with a one-time token, and a support user whose delegated
 * access to that customer expires mid-story. Run it with
 * {@code mvn -q -pl examples -am compile exec:java -Dexample.main=io.resellerkit.examples.ChannelStory}.
 */
public final class ChannelStory {
    private final PrintStream out;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private int step;

    private ChannelStory(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.setProperty("org.jboss.logging.provider", "slf4j"); // Hibernate Validator logs through SLF4J too
        System.out.println("ResellerKit: a distributor, two sub-resellers, a transfer and delegated access (in memory)");
        tell(new InMemoryStorage(), System.out);
    }

    /** Tells the story on {@code storage}, printing each step to {@code out}. */
    public static void tell(Storage storage, PrintStream out) {
        ChannelStory story = new ChannelStory(out);
        story.run(ResellerKit.builder(storage).clock(story.clock).build());
    }

    private void run(ResellerKit kit) {
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        RequestContext asVendor = new RequestContext(vendor.id(), "channel-1");

        Reseller dist = kit.resellers().create(asVendor, CreateReseller.of("Dist", "partners@dist.example", 10, 4));
        User dana = kit.users().create(asVendor, CreateUser.of("Dana", "Dist", "dana@dist.example",
                Role.RESELLER_ADMIN).inReseller(dist.id()));
        RequestContext asDana = new RequestContext(dana.id(), "channel-2");
        say("The vendor signs distributor Dist (10 users, 4 organizations); " + dana.email() + " is its admin");

        Reseller alpha = kit.resellers().create(asDana, CreateReseller.of("Alpha", "partners@alpha.example", 4, 2)
                .under(dist.id()));
        Reseller bravo = kit.resellers().create(asDana, CreateReseller.of("Bravo", "partners@bravo.example", 3, 1)
                .under(dist.id()));
        say("Dist's admin carves two sub-resellers out of its caps: Alpha (4 users, 2 organizations) and Bravo"
                + " (3 users, 1 organization)");
        attempt("Dist's admin tries a third sub-reseller with 5 users (Dist has 10 - 4 - 3 = 3 left)",
                () -> kit.resellers().create(asDana, CreateReseller.of("Charlie", "partners@charlie.example", 5, 1)
                        .under(dist.id())).name());
        usage(kit, asVendor, dist);

        User al = kit.users().create(asVendor, CreateUser.of("Al", "Alpha", "al@alpha.example", Role.RESELLER_ADMIN)
                .inReseller(alpha.id()));
        User bea = kit.users().create(asVendor, CreateUser.of("Bea", "Bravo", "bea@bravo.example", Role.RESELLER_ADMIN)
                .inReseller(bravo.id()));
        User sam = kit.users().create(asVendor, CreateUser.of("Sam", "Support", "sam@alpha.example",
                Role.RESELLER_SUPPORT).inReseller(alpha.id()));
        RequestContext asAl = new RequestContext(al.id(), "channel-3");
        RequestContext asBea = new RequestContext(bea.id(), "channel-4");
        RequestContext asSam = new RequestContext(sam.id(), "channel-5");
        say("The vendor names the sub-resellers' admins " + al.email() + " and " + bea.email()
                + ", and Alpha's support engineer " + sam.email());

        Organization northwind = kit.organizations().create(asAl,
                CreateOrganization.of("Northwind", "it@northwind.example", 5, alpha.id()));
        User nina = kit.users().create(asAl, CreateUser.of("Nina", "Northwind", "nina@northwind.example", Role.USER)
                .inOrganization(northwind.id()));
        kit.users().create(asAl, CreateUser.of("Ned", "Northwind", "ned@northwind.example", Role.USER)
                .inOrganization(northwind.id()));
        say("Alpha's admin signs customer Northwind with users nina and ned");
        attempt("Dist's admin reads Nina (its whole subtree is in reach)", () -> kit.users().get(asDana, nina.id()).email());
        attempt("Bravo's admin tries to read Nina (a sibling's customer)", () -> kit.users().get(asBea, nina.id()).email());

        TransferToken token = kit.organizations().issueTransferToken(asAl, northwind.id(), bravo.id());
        say("Northwind moves to Bravo: Alpha's admin issues a one-time transfer token");
        Organization moved = kit.organizations().transfer(asBea, northwind.id(), bravo.id(), token.secret());
        say("Bravo's admin redeems it: Northwind is now in " + (moved.resellerId().equals(bravo.id()) ? "Bravo" : "?")
                + ", with its users and their slots");
        attempt("Bravo's admin redeems the same token again", () -> kit.organizations()
                .transfer(asBea, northwind.id(), bravo.id(), token.secret()).name());
        usage(kit, asVendor, alpha);
        usage(kit, asVendor, bravo);

        attempt("Alpha's support engineer tries to read Nina (no longer Alpha's customer)",
                () -> kit.users().get(asSam, nina.id()).email());
        AccessGrant grant = kit.access().grant(asVendor, GrantAccess.of(northwind.id(), sam.id(),
                Set.of(AccessPermission.USER_READ, AccessPermission.USER_UPDATE), clock.instant().plus(Duration.ofHours(2))));
        say("For the handover, the vendor grants Sam user.read and user.update on Northwind until "
                + grant.validUntil() + " (grant " + grant.id() + ")");
        attempt("Sam reads Nina under the grant", () -> kit.users().get(asSam, nina.id()).email());
        attempt("Sam fixes Nina's last name under the grant", () -> kit.users().update(asSam, nina.id(),
                UpdateUser.changes().withLastName("Northwind-Smith")).lastName());
        attempt("Sam tries to delete Nina (not lent)", () -> {
            kit.users().delete(asSam, nina.id());
            return "deleted";
        });
        clock.advance(Duration.ofHours(3));
        say("Three hours later (" + clock.instant() + ") the grant has expired: " + grant.statusAt(clock.instant()));
        attempt("Sam tries to read Nina again", () -> kit.users().get(asSam, nina.id()).email());

        say("Bravo's trail, oldest first (events done under a grant name it):");
        for (AuditEvent e : kit.audit().query(asVendor, AuditQuery.all().forReseller(bravo.id()).withOldestFirst(),
                PageRequest.first(30)).items()) {
            out.printf("      %-16s by %-18s %s %s%s%n", e.action(), e.actorEmail(), e.resourceType(),
                    e.resourceId() == null ? "-" : e.resourceId(),
                    e.accessGrantId() == null ? "" : "  under grant " + e.accessGrantId());
        }
        say("The vendor verifies Bravo's hash chains: " + (kit.audit().verify(asVendor, bravo.id()).ok() ? "intact" : "BROKEN"));
    }

    private void usage(ResellerKit kit, RequestContext asVendor, Reseller reseller) {
        Usage u = kit.resellers().usage(asVendor, reseller.id());
        say(reseller.name() + " uses " + u.users() + " of " + u.allowedUsers() + " user slots and "
                + u.organizations() + " of " + u.allowedOrganizations() + " organization slots");
    }

    private void attempt(String what, Supplier<String> action) {
        try {
            say(what + ": ok, " + action.get());
        } catch (ResellerKitException e) {
            say(what + ": refused, " + e.code() + ": " + e.getMessage());
        }
    }

    private void say(String line) {
        out.printf("%2d. %s%n", ++step, line);
    }

    /** A clock the story moves forward by hand, so the grant can expire mid-story. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the story runs in UTC");
        }
    }
}
