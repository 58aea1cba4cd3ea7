package io.resellerkit.testkit;

import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.FieldChange;
import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.ResellerStatus;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Rows for storage tests, with every field set and times that round-trip (microseconds). */
final class Rows {
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");
    private final AtomicInteger seq = new AtomicInteger();

    /** A fresh id that sorts after every earlier one. */
    String id(String prefix) {
        return String.format("%s-%06d", prefix, seq.incrementAndGet());
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    Reseller reseller(String name, Instant createdAt) {
        return new Reseller(ResellerId.of(id("r")), name, name.toLowerCase() + "@reseller.example", "+1 555 0100",
                "1 Main St, Springfield", 10, 5, ResellerStatus.ACTIVE, createdAt.plusSeconds(86_400),
                Map.of("region", "emea", "tier", "gold"),
                1, createdAt, createdAt);
    }

    Organization organization(String name, ResellerId reseller, Instant createdAt) {
        return new Organization(OrganizationId.of(id("o")), name, name.toLowerCase() + "@org.example",
                "2 Side St", 7, reseller, Map.of("segment", "smb"), 1, createdAt, createdAt);
    }

    User user(String email, Role role, ResellerId reseller, OrganizationId org, Instant createdAt) {
        return new User(UserId.of(id("u")), "Ada", "Lovelace", email, role, reseller, org,
                Map.of("dept", "r&d"), 1, createdAt, createdAt);
    }

    License license(String product, ResellerId reseller, Instant expiresAt, Instant createdAt) {
        return new License(LicenseId.of(id("l")), id("KEY"), product, 3, expiresAt, false, false, reseller, null,
                null, Map.of("seats", "3"), 1, createdAt, createdAt);
    }

    AuditEvent event(AuditAction action, ResellerId reseller, UserId actor, String resourceId, Instant at) {
        return new AuditEvent(AuditEventId.of(id("e")), at, actor, Role.RESELLER_ADMIN, reseller, "Ada Lovelace",
                actor.value() + "@Example.com", action, "user", resourceId, reseller,
                List.of(new FieldChange("email", null, "a@b.example"), new FieldChange("metadata.region", "emea", null)),
                "req-" + seq.get(), "192.0.2.7", "curl/8.5", null);
    }
}
