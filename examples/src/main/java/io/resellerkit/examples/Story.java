package io.resellerkit.examples;

import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.io.PrintStream;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The story every example tells, on whichever storage it is given: a vendor lets its reseller
 * Acme manage its own customers, within the quotas it set, and watches the audit trail.
 */
public final class Story {
    private final PrintStream out;
    private int step;

    private Story(PrintStream out) {
        this.out = out;
    }

    /** Tells the story on {@code storage}, printing each step to {@code out}. */
    public static void tell(Storage storage, PrintStream out) {
        new Story(out).run(ResellerKit.builder(storage).build());
    }

    private void run(ResellerKit kit) {
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        RequestContext asVendor = new RequestContext(vendor.id(), "demo-1");
        say("The vendor's first admin is " + vendor.email());

        Reseller acme = kit.resellers().create(asVendor,
                CreateReseller.of("Acme", "partners@acme.example", 3, 1));
        say("The vendor creates reseller " + acme.name() + " with allowedUsers " + acme.allowedUsers()
                + " and allowedOrganizations " + acme.allowedOrganizations());
        Reseller globex = kit.resellers().create(asVendor, CreateReseller.of("Globex", "partners@globex.example", 10, 2));
        User globexCustomer = kit.users().create(asVendor, CreateUser.of("Gil", "Globex", "gil@globex-customer.example",
                Role.USER).inReseller(globex.id()));
        say("The vendor also runs reseller " + globex.name() + ", with customer " + globexCustomer.email());

        User acmeAdmin = kit.users().create(asVendor, CreateUser.of("Ann", "Acme", "ann@acme.example",
                Role.RESELLER_ADMIN).inReseller(acme.id()));
        RequestContext asAcmeAdmin = new RequestContext(acmeAdmin.id(), "demo-2");
        say("The vendor makes " + acmeAdmin.email() + " a " + acmeAdmin.role() + " of Acme");

        Organization northwind = kit.organizations().create(asAcmeAdmin,
                CreateOrganization.of("Northwind", "it@northwind.example", 10, acme.id()));
        say("Acme's admin creates organization " + northwind.name());
        attempt("Acme's admin tries a second organization", () -> kit.organizations().create(asAcmeAdmin,
                CreateOrganization.of("Contoso", "it@contoso.example", 10, acme.id())).name());

        String[] people = {"nina", "nick", "noor", "ned"};
        for (String name : people) {
            attempt("Acme's admin creates user " + name + "@northwind.example", () -> kit.users().create(asAcmeAdmin,
                    CreateUser.of(capitalize(name), "Northwind", name + "@northwind.example", Role.USER)
                            .inOrganization(northwind.id())).email());
        }

        attempt("Acme's admin tries to read Globex's users", () -> kit.users().list(asAcmeAdmin,
                UserQuery.all().inReseller(globex.id()), PageRequest.first(10)).items().size() + " users");
        attempt("Acme's admin tries to read Globex's customer by id", () -> kit.users()
                .get(asAcmeAdmin, globexCustomer.id()).email());

        say("The vendor reads Acme's audit trail, user.created and refusals, newest first:");
        Page<AuditEvent> trail = kit.audit().query(asVendor, AuditQuery.all().forReseller(acme.id())
                .withActions(Set.of(AuditAction.USER_CREATED, AuditAction.QUOTA_EXCEEDED, AuditAction.ACCESS_DENIED)),
                PageRequest.first(20));
        for (AuditEvent e : trail.items()) {
            out.printf("      %s  %-15s by %s (%s)  %s %s%s%n", e.occurredAt(), e.action(), e.actorId(), e.actorRole(),
                    e.resourceType(), e.resourceId() == null ? "-" : e.resourceId(),
                    e.reason() == null ? "" : "  reason: " + e.reason());
        }
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

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
