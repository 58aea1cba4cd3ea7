package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.resellerkit.model.AuditAction;
import io.resellerkit.Page;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.Constraints;
import io.resellerkit.command.CreateLicense;
import io.resellerkit.command.CreateOrganization;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.command.NullOrNotBlank;
import io.resellerkit.command.StorableTime;
import io.resellerkit.command.UpdateOrganization;
import io.resellerkit.command.UpdateReseller;
import io.resellerkit.command.UpdateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ErrorCode;
import io.resellerkit.error.ResellerKitException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.AuditEventId;
import io.resellerkit.model.Ids;
import io.resellerkit.model.License;
import io.resellerkit.model.LicenseId;
import io.resellerkit.model.Organization;
import io.resellerkit.model.OrganizationId;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.LicenseQuery;
import io.resellerkit.query.OrganizationQuery;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.query.TextMatch;
import io.resellerkit.query.TimeRange;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input in every field of the commands and filters: SQL metacharacters, Unicode
 * confusables, control characters, a megabyte, nulls, and numbers at and past their limits.
 * Each must give a {@link ValidationException} (and write nothing) or a correct result (the
 * value stored exactly as given, a filter that finds exactly what matches). Never a storage
 * error, never another exception, never another tenant's data in an error.
 */
public abstract class HostileInputContract {
    /** A storage holding no rows; called once per input. */
    protected abstract Storage emptyStorage();

    /** Strings an attacker or a careless caller sends. Null is one of them. */
    static final List<String> STRINGS = Arrays.asList(
            "'; DROP TABLE users; --", "\" OR \"1\"=\"1", "' OR 1=1 --", "Robert'); DROP TABLE resellers;--",
            "%", "_", "\\", "%_\\%", "$1", "?", "{0}", "${jndi:ldap://x}", "*/ SELECT 1 /*",
            "аdmin", "ｒｅｓｅｌｌｅｒ", "Ǆž", "é", "e\u0301", "🚀 Rocket", "\uFEFFbom",
            "\u0000", "a\u0000b", "line\nbreak", "tab\there", "\u001b[31mred", "\u202Eevil", "\u2066isolate",
            "\uD800", "lone\uDC00low",
            "", " ", "x".repeat(201), "y".repeat(1_000_000),
            null);

    static final List<Integer> NUMBERS = List.of(Integer.MIN_VALUE, -1_000_000, -2, -1, 0, 1, Integer.MAX_VALUE);

    /** Optional text fields, where blank means absent. */
    private static final List<String> OPTIONAL_TEXT = List.of("reseller.phone", "reseller.companyAddress",
            "organization.address");

    private final AtomicInteger counter = new AtomicInteger();

    private String unique() {
        return "h" + counter.incrementAndGet();
    }

    /** One field of one call, given one hostile value. */
    record Case(String name, Function<Fixture, Object> call, Function<Object, Object> stored, Object given) {
    }

    record Fixture(World w, Storage storage) {
    }

    @TestFactory
    Stream<DynamicTest> everyTextFieldOfEveryCommand() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String s : STRINGS) {
            String shown = show(s);
            tests.add(text("reseller.name " + shown, s, f -> f.w.kit.resellers().create(f.w.asVendor,
                    new CreateReseller(s, unique() + "@r.example", null, null, 1, 1, null)), r -> ((Reseller) r).name()));
            tests.add(text("reseller.email " + shown, s, f -> f.w.kit.resellers().create(f.w.asVendor,
                    new CreateReseller("R", s, null, null, 1, 1, null)), r -> ((Reseller) r).email()));
            tests.add(text("reseller.phone " + shown, s, f -> f.w.kit.resellers().create(f.w.asVendor,
                    new CreateReseller("R", unique() + "@r.example", s, null, 1, 1, null)), r -> ((Reseller) r).phone()));
            tests.add(text("reseller.companyAddress " + shown, s, f -> f.w.kit.resellers().create(f.w.asVendor,
                    new CreateReseller("R", unique() + "@r.example", null, s, 1, 1, null)),
                    r -> ((Reseller) r).companyAddress()));
            tests.add(text("reseller.update.name " + shown, s, f -> f.w.kit.resellers().update(f.w.asVendor,
                    f.w.acme.reseller.id(), UpdateReseller.changes().withName(s)), r -> ((Reseller) r).name()));
            tests.add(text("user.firstName " + shown, s, f -> f.w.kit.users().create(f.w.acme.asAdmin,
                    new CreateUser(s, "L", unique() + "@u.example", Role.USER, f.w.acme.reseller.id(), null, null)),
                    u -> ((User) u).firstName()));
            tests.add(text("user.lastName " + shown, s, f -> f.w.kit.users().create(f.w.acme.asAdmin,
                    new CreateUser("F", s, unique() + "@u.example", Role.USER, f.w.acme.reseller.id(), null, null)),
                    u -> ((User) u).lastName()));
            tests.add(text("user.email " + shown, s, f -> f.w.kit.users().create(f.w.acme.asAdmin,
                    new CreateUser("F", "L", s, Role.USER, f.w.acme.reseller.id(), null, null)), u -> ((User) u).email()));
            tests.add(text("organization.name " + shown, s, f -> f.w.kit.organizations().create(f.w.acme.asAdmin,
                    new CreateOrganization(s, unique() + "@o.example", null, 1, f.w.acme.reseller.id(), null)),
                    o -> ((Organization) o).name()));
            tests.add(text("organization.address " + shown, s, f -> f.w.kit.organizations().create(f.w.acme.asAdmin,
                    new CreateOrganization("O", unique() + "@o.example", s, 1, f.w.acme.reseller.id(), null)),
                    o -> ((Organization) o).address()));
            tests.add(text("license.key " + shown, s, f -> f.w.kit.licenses().create(f.w.asVendor,
                    new CreateLicense(s, "pro", 1, null, null, null)), l -> ((License) l).key()));
            tests.add(text("license.productId " + shown, s, f -> f.w.kit.licenses().create(f.w.asVendor,
                    new CreateLicense(null, s, 1, null, null, null)), l -> ((License) l).productId()));
            tests.add(text("metadata value " + shown, s, f -> f.w.kit.resellers().create(f.w.asVendor,
                    new CreateReseller("R", unique() + "@r.example", null, null, 1, 1, mapOf("k", s))),
                    r -> ((Reseller) r).metadata().get("k")));
            tests.add(text("metadata key " + shown, s, f -> f.w.kit.resellers().create(f.w.asVendor,
                    new CreateReseller("R", unique() + "@r.example", null, null, 1, 1, mapOf(s, "v"))),
                    r -> ((Reseller) r).metadata().containsKey(s) ? s : "<missing>"));
            tests.add(text("requestId " + shown, s, f -> {
                f.w.kit.users().create(new RequestContext(f.w.vendor.id(), s),
                        CreateUser.of("F", "L", unique() + "@u.example", Role.USER));
                return f.w.kit.audit().query(f.w.asVendor, AuditQuery.all().withActions(Set.of(AuditAction.USER_CREATED)),
                        PageRequest.first(1)).items().get(0);
            }, e -> ((io.resellerkit.model.AuditEvent) e).requestId()));
            tests.add(dynamicTest("user id " + shown, () -> {
                SecurityCounts.add(this, "hostile inputs", 1);
                Fixture f = fixture();
                boolean plainId = s != null && s.matches(Ids.PATTERN);
                assertNull(outcome(f, g -> g.w.kit.users().get(g.w.asVendor, UserId.of(s)),
                        plainId ? ErrorCode.NOT_FOUND : ErrorCode.VALIDATION_FAILED), "no user has that id");
            }));
        }
        return tests.stream();
    }

    /**
     * Ids are 1 to 100 visible ASCII characters, whoever made them: an actor id that reads
     * differently than it is stored (bidi overrides, zero-width or non-breaking spaces, a byte
     * order mark, look-alike letters) is refused before anything is stored, not copied into the
     * {@code access.denied} event the vendor reads. Unknown ids within the rule are stored as given.
     */
    @TestFactory
    Stream<DynamicTest> everyIdIsPlainVisibleAscii() {
        List<Function<String, Object>> idTypes = List.of(UserId::of, ResellerId::of, OrganizationId::of, LicenseId::of,
                AuditEventId::of);
        List<DynamicTest> tests = new ArrayList<>();
        for (String id : Arrays.asList("\u202Enimda-rodnev\u200B", "vendor\u200B", "a\u00A0b", "\uFEFFadmin",
                "\u0430dmin", "\uFF41dmin", "\u00E9", "e\u0301", "a b", "", "x".repeat(Ids.MAX_LENGTH + 1), null)) {
            tests.add(dynamicTest("refused id " + show(id), () -> {
                SecurityCounts.add(this, "hostile inputs", 1);
                Fixture f = fixture();
                for (Function<String, Object> idType : idTypes) {
                    ValidationException e = assertThrows(ValidationException.class, () -> idType.apply(id));
                    assertEquals("id", e.violations().get(0).field());
                }
                assertNull(outcome(f, g -> g.w.kit.users().get(new RequestContext(UserId.of(id), "r"),
                        g.w.acme.user.id())), "refused before the call, with nothing written");
            }));
        }
        String everyVisible = IntStream.rangeClosed(0x21, 0x7E).mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
        for (String id : List.of(everyVisible, "y".repeat(Ids.MAX_LENGTH), "!")) {
            tests.add(dynamicTest("unknown actor id " + show(id), () -> {
                SecurityCounts.add(this, "hostile inputs", 1);
                Fixture f = fixture();
                assertThrows(AccessDeniedException.class, () -> f.w.kit.users().get(new RequestContext(UserId.of(id),
                        "r"), f.w.acme.user.id()));
                AuditEvent denied = f.w.kit.audit().query(f.w.asVendor, AuditQuery.all().withActions(
                        Set.of(AuditAction.ACCESS_DENIED)), PageRequest.first(1)).items().get(0);
                assertEquals(id, denied.actorId().value(), "stored exactly as given");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyFilterFindsExactlyWhatMatches() {
        List<DynamicTest> tests = new ArrayList<>();
        PageRequest all = PageRequest.first(100);
        for (String s : STRINGS) {
            String shown = show(s);
            for (TextMatch.Operator op : TextMatch.Operator.values()) {
                // Acme's admin filters: the answer is Acme's rows that match, and nothing of Beta's.
                tests.add(filter("users by email " + op + " " + shown, f -> {
                    UserQuery q = UserQuery.all().withEmail(new TextMatch(op, s));
                    return List.of(f.w.kit.users().list(f.w.acme.asAdmin, q, all).items(), Snapshot.of(f.storage).users()
                            .stream().filter(q.inReseller(f.w.acme.reseller.id())::matches).toList());
                }));
                tests.add(filter("organizations by name " + op + " " + shown, f -> {
                    OrganizationQuery q = OrganizationQuery.all().withName(new TextMatch(op, s));
                    return List.of(f.w.kit.organizations().list(f.w.acme.asAdmin, q, all).items(),
                            Snapshot.of(f.storage).organizations().stream()
                                    .filter(q.inReseller(f.w.acme.reseller.id())::matches).toList());
                }));
                tests.add(filter("resellers by name " + op + " " + shown, f -> {
                    ResellerQuery q = ResellerQuery.all().withName(new TextMatch(op, s));
                    return List.of(f.w.kit.resellers().list(f.w.asVendor, q, all).items(),
                            Snapshot.of(f.storage).resellers().stream().filter(q::matches).toList());
                }));
            }
            tests.add(filter("licenses by product " + shown, f -> {
                LicenseQuery q = LicenseQuery.all().withProductIds(setOf(s));
                return List.of(f.w.kit.licenses().list(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).licenses().stream().filter(q::matches).toList());
            }));
            tests.add(filter("audit by resource id " + shown, f -> {
                AuditQuery q = AuditQuery.all().withResource("user", s);
                return List.of(f.w.kit.audit().query(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).events().stream().filter(q::matches).toList());
            }));
            tests.add(filter("audit by actor email " + shown, f -> {
                AuditQuery q = AuditQuery.all().withActorEmails(setOf(s));
                return List.of(f.w.kit.audit().query(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).events().stream().filter(q::matches).toList());
            }));
            tests.add(filter("audit by request id " + shown, f -> {
                AuditQuery q = AuditQuery.all().withRequestIds(setOf(s));
                return List.of(f.w.kit.audit().query(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).events().stream().filter(q::matches).toList());
            }));
            tests.add(filter("audit by text " + shown, f -> {
                AuditQuery q = AuditQuery.all().withText(s).withOldestFirst();
                List<AuditEvent> oldestFirst = new ArrayList<>(Snapshot.of(f.storage).events());
                java.util.Collections.reverse(oldestFirst);
                return List.of(f.w.kit.audit().query(f.w.asVendor, q, all).items(),
                        oldestFirst.stream().filter(q::matches).toList());
            }));
            tests.add(filter("page cursor " + shown, f -> List.of(
                    f.w.kit.users().list(f.w.asVendor, UserQuery.all(), PageRequest.after(s, 100)).items(),
                    Snapshot.of(f.storage).users())));
        }
        return tests.stream();
    }

    /** Instants just past the range every supported database stores exactly, and far past it. */
    static final List<Instant> TIMES_PAST_THE_LIMITS = List.of(Constraints.EARLIEST_TIME.minusNanos(1),
            Constraints.LATEST_TIME.plusNanos(1), Instant.parse("9999-12-31T23:59:59.999999999Z"),
            OffsetDateTime.of(-4713, 11, 24, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(),
            Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX);

    /**
     * Every instant a caller passes (a license's expiry, both ends of every time filter, the
     * position in a cursor): refused naming its field just past the storable range, and stored
     * exactly or filtering exactly at both ends of it.
     */
    @TestFactory
    Stream<DynamicTest> everyInstantAtAndPastItsLimits() {
        PageRequest all = PageRequest.first(100);
        Map<String, BiFunction<Fixture, Instant, List<?>>> fields = new LinkedHashMap<>();
        fields.put("expiresAt", (f, t) -> {
            License created = f.w.kit.licenses().create(f.w.asVendor, CreateLicense.of("pro", 1, t, null));
            return List.of(List.of(t, created), List.of(created.expiresAt(),
                    f.w.kit.licenses().get(f.w.asVendor, created.id())));
        });
        for (String end : List.of("from", "to")) {
            fields.put("createdAt." + end + " of resellers", (f, t) -> {
                ResellerQuery q = ResellerQuery.all().withCreatedAt(range(end, t));
                return List.of(f.w.kit.resellers().list(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).resellers().stream().filter(q::matches).toList());
            });
            fields.put("createdAt." + end + " of users", (f, t) -> {
                UserQuery q = UserQuery.all().withCreatedAt(range(end, t));
                return List.of(f.w.kit.users().list(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).users().stream().filter(q::matches).toList());
            });
            fields.put("createdAt." + end + " of organizations", (f, t) -> {
                OrganizationQuery q = OrganizationQuery.all().withCreatedAt(range(end, t));
                return List.of(f.w.kit.organizations().list(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).organizations().stream().filter(q::matches).toList());
            });
            fields.put("expiresAt." + end + " of licenses", (f, t) -> {
                LicenseQuery q = LicenseQuery.all().withExpiresAt(range(end, t));
                return List.of(f.w.kit.licenses().list(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).licenses().stream().filter(q::matches).toList());
            });
            fields.put("occurredAt." + end + " of events", (f, t) -> {
                AuditQuery q = AuditQuery.all().withOccurredAt(range(end, t));
                return List.of(f.w.kit.audit().query(f.w.asVendor, q, all).items(),
                        Snapshot.of(f.storage).events().stream().filter(q::matches).toList());
            });
        }
        // Users page oldest first, events newest first; no stored time equals a limit, so the id never decides.
        fields.put("cursor of users", (f, t) -> List.of(
                f.w.kit.users().list(f.w.asVendor, UserQuery.all(), PageRequest.after(cursor(f, t), 100)).items(),
                Snapshot.of(f.storage).users().stream().filter(u -> u.createdAt().isAfter(t)).toList()));
        fields.put("cursor of events", (f, t) -> List.of(
                f.w.kit.audit().query(f.w.asVendor, AuditQuery.all(), PageRequest.after(cursor(f, t), 100)).items(),
                Snapshot.of(f.storage).events().stream().filter(e -> e.occurredAt().isBefore(t)).toList()));

        List<DynamicTest> tests = new ArrayList<>();
        fields.forEach((name, actualAndExpected) -> {
            String field = name.split(" ")[0];
            for (Instant t : List.of(Constraints.EARLIEST_TIME, Constraints.LATEST_TIME)) {
                tests.add(dynamicTest(name + " at its limit " + t, () -> {
                    SecurityCounts.add(this, "hostile inputs", 1);
                    List<?> pair = actualAndExpected.apply(fixture(), t);
                    assertEquals(pair.get(1), pair.get(0), "stored exactly, or finds exactly what matches");
                }));
            }
            for (Instant t : TIMES_PAST_THE_LIMITS) {
                tests.add(dynamicTest(name + " past its limits " + t, () -> {
                    SecurityCounts.add(this, "hostile inputs", 1);
                    refusedNaming(field, fixture(), g -> actualAndExpected.apply(g, t));
                }));
            }
        });
        return tests.stream();
    }

    /**
     * Every set filter of every query (but those of an enum, which the enum bounds): at its
     * {@code @Size} limit it finds exactly what matches; one value more is refused, naming it.
     */
    @TestFactory
    Stream<DynamicTest> everySetFilterAtAndPastItsLimit() {
        PageRequest all = PageRequest.first(100);
        Map<Record, BiFunction<Fixture, Record, List<?>>> queries = new LinkedHashMap<>();
        queries.put(ResellerQuery.all(), (f, q) -> List.of(f.w.kit.resellers().list(f.w.asVendor, (ResellerQuery) q,
                all).items(), Snapshot.of(f.storage).resellers().stream().filter(((ResellerQuery) q)::matches).toList()));
        queries.put(UserQuery.all(), (f, q) -> List.of(f.w.kit.users().list(f.w.asVendor, (UserQuery) q, all).items(),
                Snapshot.of(f.storage).users().stream().filter(((UserQuery) q)::matches).toList()));
        queries.put(OrganizationQuery.all(), (f, q) -> List.of(f.w.kit.organizations().list(f.w.asVendor,
                (OrganizationQuery) q, all).items(), Snapshot.of(f.storage).organizations().stream()
                .filter(((OrganizationQuery) q)::matches).toList()));
        queries.put(LicenseQuery.all(), (f, q) -> List.of(f.w.kit.licenses().list(f.w.asVendor, (LicenseQuery) q,
                all).items(), Snapshot.of(f.storage).licenses().stream().filter(((LicenseQuery) q)::matches).toList()));
        queries.put(AuditQuery.all(), (f, q) -> List.of(f.w.kit.audit().query(f.w.asVendor, (AuditQuery) q, all)
                .items(), Snapshot.of(f.storage).events().stream().filter(((AuditQuery) q)::matches).toList()));

        List<DynamicTest> tests = new ArrayList<>();
        queries.forEach((query, actualAndExpected) -> {
            for (RecordComponent c : Records.components(query.getClass())) {
                Class<?> element = c.getType() == Set.class ? elementType(c) : null;
                if (element == null || element.isEnum()) {
                    continue;
                }
                String name = query.getClass().getSimpleName() + "." + c.getName();
                Size size = declared(c, Size.class);
                tests.add(dynamicTest(name + " has a limit", () -> assertTrue(size != null && size.max() < 65_535,
                        name + " needs a @Size(max) below what a database binds in one statement")));
                if (size == null) {
                    continue;
                }
                tests.add(dynamicTest(name + " at its limit " + size.max(), () -> {
                    SecurityCounts.add(this, "hostile inputs", 1);
                    Fixture f = fixture();
                    Record q = Records.with(query, c.getName(), values(f, element, size.max()));
                    List<?> pair = actualAndExpected.apply(f, q);
                    assertEquals(pair.get(1), pair.get(0), "finds exactly what matches");
                }));
                tests.add(dynamicTest(name + " past its limit " + (size.max() + 1), () -> {
                    SecurityCounts.add(this, "hostile inputs", 1);
                    refusedNaming(c.getName(), fixture(), g -> actualAndExpected.apply(g,
                            Records.with(query, c.getName(), values(g, element, size.max() + 1))));
                }));
            }
        });
        return tests.stream();
    }

    /**
     * A command, how to make a valid one, and how to run it as the vendor: {@code target}
     * makes what an update changes (before the snapshot a refusal is judged by) and returns
     * the call.
     */
    private record Command(Function<HostileInputContract, Record> valid, Function<Fixture, Function<Record, Object>> target) {
    }

    private List<Command> commands() {
        return List.of(
                new Command(h -> new CreateReseller("R", h.email(), null, null, 1, 1, null),
                        f -> c -> f.w.kit.resellers().create(f.w.asVendor, (CreateReseller) c)),
                new Command(h -> new CreateUser("F", "L", h.email(), Role.USER, null, null, null),
                        f -> c -> f.w.kit.users().create(f.w.asVendor, (CreateUser) c)),
                new Command(h -> new CreateOrganization("O", h.email(), null, 1, null, null),
                        f -> c -> f.w.kit.organizations().create(f.w.asVendor, (CreateOrganization) c)),
                new Command(h -> new CreateLicense(null, "pro", 1, null, null, null),
                        f -> c -> f.w.kit.licenses().create(f.w.asVendor, (CreateLicense) c)),
                new Command(h -> UpdateReseller.changes(), f -> {
                    ResellerId id = freshReseller(f).id();
                    return c -> f.w.kit.resellers().update(f.w.asVendor, id, (UpdateReseller) c);
                }),
                new Command(h -> ChangeQuotas.to(1, 1), f -> {
                    ResellerId id = freshReseller(f).id();
                    return c -> f.w.kit.resellers().changeQuotas(f.w.asVendor, id, (ChangeQuotas) c);
                }),
                new Command(h -> UpdateUser.changes(), f -> {
                    UserId id = f.w.kit.users().create(f.w.asVendor, CreateUser.of("F", "L", email(), Role.USER)).id();
                    return c -> f.w.kit.users().update(f.w.asVendor, id, (UpdateUser) c);
                }),
                new Command(h -> UpdateOrganization.changes(), f -> {
                    OrganizationId id = f.w.kit.organizations().create(f.w.asVendor,
                            CreateOrganization.of("O", email(), 1, null)).id();
                    return c -> f.w.kit.organizations().update(f.w.asVendor, id, (UpdateOrganization) c);
                }));
    }

    /** A value at or past a limit, made when the test runs. */
    private record Limit(String name, Supplier<Object> value) {
    }

    /**
     * Every field of every command, at and just past each limit its own annotations declare
     * ({@code @Size}, {@code @Min}, {@code @Max}, a not-blank rule): at the limit it is stored
     * exactly as given (and read back so); one past it is refused, naming the field. A text
     * field without {@code @Size} (or a {@code @Pattern} that fixes its values), a whole number
     * without {@code @Min}, or an instant without {@code @StorableTime} is itself a failure, so
     * removing a limit turns this red.
     */
    @TestFactory
    Stream<DynamicTest> everyCommandFieldAtAndPastItsLimits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Command command : commands()) {
            Class<?> type = command.valid().apply(this).getClass();
            for (RecordComponent c : Records.components(type)) {
                String name = type.getSimpleName() + "." + c.getName();
                List<Limit> at = new ArrayList<>();
                List<Limit> past = new ArrayList<>();
                if (c.getType() == String.class) {
                    Size size = declared(c, Size.class);
                    if (size == null) {
                        tests.add(dynamicTest(name + " has a length limit", () -> assertTrue(
                                declared(c, Pattern.class) != null, name + " needs a @Size(max)")));
                        continue;
                    }
                    boolean email = declared(c, Email.class) != null;
                    boolean notBlank = declared(c, NotBlank.class) != null || declared(c, NullOrNotBlank.class) != null;
                    int min = Math.max(size.min(), notBlank ? 1 : 0);
                    at.add(new Limit("length " + size.max(), () -> text(email, size.max())));
                    past.add(new Limit("length " + (size.max() + 1), () -> text(email, size.max() + 1)));
                    if (min > 0) {
                        if (!email) { // no address is one character long
                            at.add(new Limit("length " + min, () -> text(false, min)));
                        }
                        past.add(new Limit("length " + (min - 1), () -> "x".repeat(min - 1)));
                    }
                } else if (c.getType() == int.class || c.getType() == Integer.class) {
                    Min min = declared(c, Min.class);
                    Max max = declared(c, Max.class);
                    tests.add(dynamicTest(name + " has a lower limit", () -> assertTrue(min != null,
                            name + " needs a @Min")));
                    if (min != null) {
                        at.add(new Limit(String.valueOf(min.value()), () -> (int) min.value()));
                        past.add(new Limit(String.valueOf(min.value() - 1), () -> (int) min.value() - 1));
                    }
                    if (max != null) {
                        at.add(new Limit(String.valueOf(max.value()), () -> (int) max.value()));
                        past.add(new Limit(String.valueOf(max.value() + 1), () -> (int) max.value() + 1));
                    }
                } else if (c.getType() == Instant.class) {
                    // Its limits are tried in everyInstantAtAndPastItsLimits.
                    tests.add(dynamicTest(name + " has limits", () -> assertTrue(declared(c, StorableTime.class) != null,
                            name + " needs @StorableTime")));
                }
                for (Limit limit : at) {
                    tests.add(dynamicTest(name + " at its limit, " + limit.name(), () -> {
                        SecurityCounts.add(this, "hostile inputs", 1);
                        Fixture f = fixture();
                        Object given = limit.value().get();
                        Object stored = command.target().apply(f)
                                .apply(Records.with(command.valid().apply(this), c.getName(), given));
                        assertEquals(given, Records.component(stored, c.getName()), "stored exactly as given");
                        assertEquals(stored, reread(f, stored), "read back as stored");
                    }));
                }
                for (Limit limit : past) {
                    tests.add(dynamicTest(name + " past its limit, " + limit.name(), () -> {
                        SecurityCounts.add(this, "hostile inputs", 1);
                        Fixture f = fixture();
                        Object given = limit.value().get();
                        Function<Record, Object> call = command.target().apply(f);
                        refusedNaming(c.getName(), f, g -> call.apply(
                                Records.with(command.valid().apply(this), c.getName(), given)));
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyNumberAtAndPastItsLimits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : NUMBERS) {
            tests.add(number("reseller.allowedUsers " + n, n, f -> f.w.kit.resellers().create(f.w.asVendor,
                    CreateReseller.of("R", unique() + "@r.example", n, 1)), r -> ((Reseller) r).allowedUsers()));
            tests.add(number("reseller.allowedOrganizations " + n, n, f -> f.w.kit.resellers().create(f.w.asVendor,
                    CreateReseller.of("R", unique() + "@r.example", 1, n)), r -> ((Reseller) r).allowedOrganizations()));
            tests.add(number("quota change " + n, n, f -> f.w.kit.resellers().changeQuotas(f.w.asVendor,
                    f.w.acme.reseller.id(), new ChangeQuotas(n, n, null)), r -> ((Reseller) r).allowedUsers()));
            tests.add(number("organization.allowedUsers " + n, n, f -> f.w.kit.organizations().create(f.w.asVendor,
                    CreateOrganization.of("O", unique() + "@o.example", n, null)), o -> ((Organization) o).allowedUsers()));
            tests.add(number("license.allowedActivations " + n, n, f -> f.w.kit.licenses().create(f.w.asVendor,
                    CreateLicense.of("pro", n, null, null)), l -> ((License) l).allowedActivations()));
            tests.add(number("page limit " + n, n, f -> f.w.kit.users().list(f.w.asVendor, UserQuery.all(),
                    PageRequest.first(n)).items().size(), size -> size));
            tests.add(dynamicTest("expected version " + n, () -> {
                SecurityCounts.add(this, "hostile inputs", 1);
                Fixture f = fixture();
                Reseller fresh = f.w.kit.resellers().create(f.w.asVendor, CreateReseller.of("V", unique() + "@v.example",
                        1, 1));
                Object r = outcome(f, g -> g.w.kit.resellers().update(g.w.asVendor, fresh.id(),
                        UpdateReseller.changes().withPhone("1").ifVersion(n)), ErrorCode.CONFLICT);
                assertEquals(n == 1, r != null, "only the stored version (1) is accepted");
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> nullsInEveryArgument() {
        List<Map.Entry<String, Function<Fixture, Object>>> calls = List.of(
                Map.entry("context", f -> f.w.kit.users().get(null, f.w.acme.user.id())),
                Map.entry("user id", f -> f.w.kit.users().get(f.w.asVendor, null)),
                Map.entry("create command", f -> f.w.kit.users().create(f.w.asVendor, null)),
                Map.entry("update command", f -> f.w.kit.resellers().update(f.w.asVendor, f.w.acme.reseller.id(), null)),
                Map.entry("query", f -> f.w.kit.users().list(f.w.asVendor, null, PageRequest.first(1))),
                Map.entry("page", f -> f.w.kit.users().list(f.w.asVendor, UserQuery.all(), null)),
                Map.entry("null in a filter set", f -> f.w.kit.users().list(f.w.asVendor,
                        UserQuery.all().withResellerIds(setOf((ResellerId) null)), PageRequest.first(1))),
                Map.entry("null role", f -> f.w.kit.users().create(f.w.asVendor,
                        new CreateUser("F", "L", "n@x.example", null, null, null, null))),
                Map.entry("null name", f -> f.w.kit.resellers().create(f.w.asVendor,
                        new CreateReseller(null, "n@x.example", null, null, 1, 1, null))),
                Map.entry("null actor id", f -> f.w.kit.users().get(new RequestContext(null, "r"), f.w.acme.user.id())),
                Map.entry("null license assignee", f -> f.w.kit.licenses().assignToUser(f.w.asVendor,
                        f.w.acme.license.id(), null)),
                Map.entry("null text match value", f -> f.w.kit.users().list(f.w.asVendor,
                        UserQuery.all().withEmail(new TextMatch(TextMatch.Operator.EQUALS, null)), PageRequest.first(1))));
        return calls.stream().map(c -> dynamicTest(c.getKey(), () -> {
            SecurityCounts.add(this, "hostile inputs", 1);
            Fixture f = fixture();
            Snapshot before = Snapshot.of(f.storage);
            try {
                c.getValue().apply(f);
                fail("a null " + c.getKey() + " was accepted");
            } catch (ValidationException e) {
                assertEquals(before, Snapshot.of(f.storage), "nothing is written");
            } catch (RuntimeException e) {
                fail("a null " + c.getKey() + " gave " + e.getClass().getName() + ", not a ValidationException", e);
            }
        }));
    }

    // ---- the three judgements ----

    /** A text value is refused as invalid with nothing written, or stored exactly as given. */
    private DynamicTest text(String name, String given, Function<Fixture, Object> call, Function<Object, Object> stored) {
        return dynamicTest(name, () -> {
            SecurityCounts.add(this, "hostile inputs", 1);
            Fixture f = fixture();
            Object result = outcome(f, call);
            if (result != null && given != null) { // null means "leave out": a default or the old value stays
                Object back = stored.apply(result);
                String expected = given;
                if (name.contains("email")) {
                    expected = given.trim().toLowerCase(java.util.Locale.ROOT);
                } else if (OPTIONAL_TEXT.stream().anyMatch(name::startsWith) && given.isBlank()) {
                    expected = null; // blank optional text is stored as absent
                }
                assertEquals(expected, back, "stored exactly as given");
            }
        });
    }

    private DynamicTest number(String name, Object given, Function<Fixture, Object> call, Function<Object, Object> stored) {
        return dynamicTest(name, () -> {
            SecurityCounts.add(this, "hostile inputs", 1);
            Fixture f = fixture();
            Object result = outcome(f, call);
            if (result != null) {
                long back = ((Number) stored.apply(result)).longValue();
                if (name.startsWith("page limit")) {
                    // Only 1 to 100 is a valid page; the world holds 7 users, so a page shows min(n, 7).
                    assertTrue(((Number) given).intValue() >= 1 && ((Number) given).intValue() <= 100, "accepted " + given);
                    assertEquals(Math.min(((Number) given).longValue(), 7), back);
                } else {
                    assertEquals(((Number) given).longValue(), back, "stored exactly as given");
                }
            }
        });
    }

    /** A filter value is refused as invalid, or finds exactly the rows that match it. */
    private DynamicTest filter(String name, Function<Fixture, List<?>> actualAndExpected) {
        return dynamicTest(name, () -> {
            SecurityCounts.add(this, "hostile inputs", 1);
            Fixture f = fixture();
            Object result = outcome(f, actualAndExpected::apply);
            if (result != null) {
                List<?> pair = (List<?>) result;
                assertEquals(pair.get(1), pair.get(0), "finds exactly what matches, by the query's own rules");
            }
        });
    }

    /** The call is refused as invalid, with a violation naming {@code field}, and writes nothing. */
    private void refusedNaming(String field, Fixture f, Function<Fixture, Object> call) {
        Snapshot before = Snapshot.of(f.storage);
        try {
            Object result = call.apply(f);
            fail("accepted, giving " + show(String.valueOf(result)));
        } catch (ValidationException e) {
            assertTrue(e.violations().stream().anyMatch(v -> v.field().equals(field)),
                    () -> "the error names " + field + ": " + e.violations());
            assertEquals(before, Snapshot.of(f.storage), "a refused input writes nothing");
        } catch (RuntimeException e) {
            fail("gave " + e.getClass().getName() + ", not a ValidationException", e);
        }
    }

    /**
     * Runs the call: null if refused with one of the {@code expected} codes (validation unless
     * said otherwise), after checking that nothing was written; else its result.
     */
    private Object outcome(Fixture f, Function<Fixture, Object> call, ErrorCode... expected) {
        Set<ErrorCode> accepted = expected.length == 0 ? Set.of(ErrorCode.VALIDATION_FAILED) : Set.of(expected);
        Snapshot before = Snapshot.of(f.storage);
        try {
            return call.apply(f);
        } catch (ResellerKitException e) {
            assertTrue(accepted.contains(e.code()), () -> "hostile input gave " + e.code() + ": " + e.getMessage());
            assertEquals(before, Snapshot.of(f.storage), "a refused input writes nothing");
            assertNoOtherTenantIn(f, e);
            assertTrue(e.getMessage().length() < 5_000, "the error does not echo a huge input");
            return null;
        } catch (RuntimeException e) {
            fail("hostile input gave " + e.getClass().getName(), e);
            return null;
        }
    }

    private static void assertNoOtherTenantIn(Fixture f, Exception e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : List.of(f.w.beta.user.email(), f.w.beta.reseller.id().value(), f.w.beta.user.id().value(),
                f.w.beta.organization.name())) {
            assertFalse(trace.toString().contains(secret), "the error shows Beta's " + secret);
        }
    }

    /**
     * One world per test factory (JUnit makes an instance per factory): every judgement compares
     * snapshots before and after its own call, so inputs need no world of their own. Quotas are
     * unlimited so that accepted inputs never crowd out later ones.
     */
    private Fixture fixture() {
        if (fixture == null) {
            Storage storage = emptyStorage();
            fixture = new Fixture(new World(storage, -1, -1), storage);
        }
        return fixture;
    }

    private Fixture fixture;

    // ---- reference answers, computed from a snapshot with the query's own rules ----

    private static Map<String, String> mapOf(String k, String v) {
        Map<String, String> m = new HashMap<>();
        m.put(k, v);
        return m;
    }

    private static <T> Set<T> setOf(T value) {
        Set<T> s = new java.util.HashSet<>();
        s.add(value);
        return s;
    }

    private String email() {
        return unique() + "@limits.example";
    }

    /**
     * Plain text of exactly {@code length} characters, distinct from earlier ones (keys are
     * unique); or, if {@code email}, a valid address of that length (at most 64 characters before
     * the {@code @}, labels of at most 63 after it).
     */
    private String text(boolean email, int length) {
        String tag = unique();
        if (!email) {
            return length < tag.length() ? "x".repeat(length) : tag + "x".repeat(length - tag.length());
        }
        String local = (tag + "a".repeat(64)).substring(0, 64);
        StringBuilder domain = new StringBuilder();
        int left = length - local.length() - 1;
        while (left > 63) {
            domain.append("d".repeat(62)).append('.');
            left -= 63;
        }
        return local + "@" + domain.append("d".repeat(left));
    }

    private Reseller freshReseller(Fixture f) {
        return f.w.kit.resellers().create(f.w.asVendor, CreateReseller.of("R", email(), 1, 1));
    }

    /** The entity as a read through the public API returns it. */
    private static Object reread(Fixture f, Object entity) {
        if (entity instanceof Reseller r) {
            return f.w.kit.resellers().get(f.w.asVendor, r.id());
        } else if (entity instanceof User u) {
            return f.w.kit.users().get(f.w.asVendor, u.id());
        } else if (entity instanceof Organization o) {
            return f.w.kit.organizations().get(f.w.asVendor, o.id());
        }
        return f.w.kit.licenses().get(f.w.asVendor, ((License) entity).id());
    }

    private static TimeRange range(String end, Instant t) {
        return end.equals("from") ? TimeRange.since(t) : TimeRange.before(t);
    }

    /**
     * A well-formed cursor at {@code t}, as a caller could forge one. Checked against a cursor
     * the kit made, so that a change of the format fails here, not silently.
     */
    private static String cursor(Fixture f, Instant t) {
        Page<User> page = f.w.kit.users().list(f.w.asVendor, UserQuery.all(), PageRequest.first(1));
        User last = page.items().get(0);
        assertEquals(page.nextCursor(), cursor(last.createdAt(), last.id().value()), "the cursor format is known");
        return cursor(t, "id");
    }

    private static String cursor(Instant t, String id) {
        String raw = t.getEpochSecond() + ":" + t.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The element type of a {@code Set<E>} component. */
    private static Class<?> elementType(RecordComponent c) {
        return (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    }

    /** A constraint on a record component, as Jakarta Validation reads it: from the component's field. */
    static <A extends Annotation> A declared(RecordComponent c, Class<A> annotation) {
        try {
            return c.getDeclaringRecord().getDeclaredField(c.getName()).getAnnotation(annotation);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code n} distinct filter values of a type, the first ones held by rows of the world. */
    private static Set<Object> values(Fixture f, Class<?> type, int n) {
        List<Object> held = new ArrayList<>();
        if (type == String.class) {
            held.add("pro");
        } else if (type == ResellerId.class) {
            held.add(f.w.acme.reseller.id());
        } else if (type == UserId.class) {
            held.addAll(List.of(f.w.acme.admin.id(), f.w.acme.user.id()));
        } else if (type == OrganizationId.class) {
            held.add(f.w.acme.organization.id());
        }
        Set<Object> values = new java.util.LinkedHashSet<>(held.subList(0, Math.min(n, held.size())));
        for (int i = 0; values.size() < n; i++) {
            values.add(type == String.class ? "value-" + i : ofString(type, "no-such-id-" + i));
        }
        return values;
    }

    private static Object ofString(Class<?> type, String value) {
        try {
            return type.getMethod("of", String.class).invoke(null, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no of(String)", e);
        }
    }

    private static String show(String s) {
        if (s == null) {
            return "null";
        }
        String head = s.length() > 24 ? s.substring(0, 24) + "...(" + s.length() + ")" : s;
        StringBuilder out = new StringBuilder("[");
        head.codePoints().forEach(c -> out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.getType(c)
                == Character.FORMAT || Character.getType(c) == Character.SURROGATE
                ? String.format("\\u%04X", c) : new String(Character.toChars(c))));
        return out.append(']').toString();
    }

}
