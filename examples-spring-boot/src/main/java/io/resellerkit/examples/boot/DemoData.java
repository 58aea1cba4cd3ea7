package io.resellerkit.examples.boot;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.ConflictException;
import io.resellerkit.model.License;
import io.resellerkit.model.Organization;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo: a vendor, two resellers with their staff and customers, and licenses. Every
 * login of {@link DemoSecurity} is one of these users. Skipped when an admin exists already, so a
 * restart on a persistent database seeds nothing twice.
 */
@Component
class DemoData implements ApplicationRunner {
    /** The demo's people, by email: the logins of {@link DemoSecurity}. */
    static final String VENDOR = "vera@vendor.example";
    static final String ACME_ADMIN = "ann@acme.example";
    static final String GLOBEX_ADMIN = "gus@globex.example";
    static final String NORTHWIND_ADMIN = "olga@northwind.example";
    static final List<String> LOGINS = List.of(VENDOR, ACME_ADMIN, GLOBEX_ADMIN, NORTHWIND_ADMIN);

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private final ResellerKit kit;

    DemoData(ResellerKit kit) {
        this.kit = kit;
    }

    @Override
    public void run(ApplicationArguments args) {
        User vendor;
        try {
            vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", VENDOR, Role.ADMIN));
        } catch (ConflictException adminExists) {
            LOG.info("demo data is there already");
            return;
        }
        RequestContext asVendor = new RequestContext(vendor.id(), "demo-seed");

        // Acme may have 3 users and 1 organization: the quota refusal is two creates away.
        Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "partners@acme.example", 3, 1));
        kit.users().create(asVendor, CreateUser.of("Ann", "Acme", ACME_ADMIN, Role.RESELLER_ADMIN).inReseller(acme.id()));
        Organization northwind = kit.organizations().create(asVendor,
                CreateOrganization.of("Northwind", "it@northwind.example", 10, acme.id()));
        User olga = kit.users().create(asVendor, CreateUser.of("Olga", "Northwind", NORTHWIND_ADMIN,
                Role.ORGANIZATION_ADMIN).inOrganization(northwind.id()));

        Reseller globex = kit.resellers().create(asVendor, CreateReseller.of("Globex", "partners@globex.example", 10, 2));
        kit.users().create(asVendor, CreateUser.of("Gus", "Globex", GLOBEX_ADMIN, Role.RESELLER_ADMIN).inReseller(globex.id()));
        Organization initech = kit.organizations().create(asVendor,
                CreateOrganization.of("Initech", "it@initech.example", 5, globex.id()));
        kit.users().create(asVendor, CreateUser.of("Peter", "Gibbons", "peter@initech.example", Role.USER)
                .inOrganization(initech.id()));

        for (int i = 0; i < 3; i++) {
            kit.licenses().create(asVendor, CreateLicense.of("pro", 2, null, acme.id()));
        }
        License globexLicense = kit.licenses().create(asVendor, CreateLicense.of("pro", 2, null, globex.id()));
        kit.licenses().assignToOrganization(asVendor, globexLicense.id(), initech.id());
        kit.licenses().create(asVendor, CreateLicense.of("enterprise", 10, null, null));
        LOG.info("demo data seeded: vendor {}, resellers Acme and Globex, organization admin {}", VENDOR, olga.email());
    }
}
