package io.resellerkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.resellerkit.OperationObserver;
import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.ChangeQuotas;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.query.AuditQuery;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link OperationObserver} on real storage: every public call reports exactly once, with the
 * outcome its caller saw, whether it passed, was refused, or failed validation before any unit of
 * work began.
 */
public abstract class OperationObserverContract {
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private ResellerKit kit;
    private RequestContext asVendor;

    /** A storage with nothing in it; called before every test. */
    protected abstract Storage emptyStorage();

    @BeforeEach
    void setUp() {
        kit = ResellerKit.builder(emptyStorage()).clock(new World.SteppingClock())
                .observer((operation, outcome, nanos) -> {
                    assertTrue(nanos >= 0, "a duration is never negative: " + nanos);
                    reported.add(operation + " " + outcome);
                })
                .build();
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        asVendor = RequestContext.of(vendor.id());
    }

    /** Runs {@code call} and returns what it reported. */
    private List<String> reportsOf(Runnable call) {
        reported.clear();
        call.run();
        return List.copyOf(reported);
    }

    private List<String> reportsOfRefused(Class<? extends Throwable> expected, Runnable call) {
        reported.clear();
        assertThrows(expected, call::run);
        return List.copyOf(reported);
    }

    @Test
    void theBootstrapAndEachPassingCallReportOkOnce() {
        assertTrue(reported.contains("user.bootstrap_admin ok"), reported.toString());
        Reseller[] acme = new Reseller[1];
        assertEquals(List.of("reseller.create ok"), reportsOf(() ->
                acme[0] = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 5, 1))));
        assertEquals(List.of("reseller.change_quotas ok"), reportsOf(() ->
                kit.resellers().changeQuotas(asVendor, acme[0].id(), ChangeQuotas.to(6, 1))));
        assertEquals(List.of("reseller.usage ok"), reportsOf(() -> kit.resellers().usage(asVendor, acme[0].id())));
        assertEquals(List.of("user.list ok"), reportsOf(() ->
                kit.users().list(asVendor, UserQuery.all(), PageRequest.first(10))));
    }

    @Test
    void eachRefusalReportsItsCodeOnce() {
        Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", 1, 1));
        User admin = kit.users().create(asVendor,
                CreateUser.of("Ada", "Admin", "ada@acme.example", Role.RESELLER_ADMIN).inReseller(acme.id()));
        RequestContext asAdmin = RequestContext.of(admin.id());
        kit.users().create(asAdmin, CreateUser.of("Uma", "User", "uma@acme.example", Role.USER).inReseller(acme.id()));

        assertEquals(List.of("user.create quota_exceeded"), reportsOfRefused(QuotaExceededException.class, () ->
                kit.users().create(asAdmin, CreateUser.of("Ugo", "User", "ugo@acme.example", Role.USER).inReseller(acme.id()))));
        assertEquals(List.of("reseller.create access_denied"), reportsOfRefused(AccessDeniedException.class, () ->
                kit.resellers().create(asAdmin, CreateReseller.of("Mine", "me@acme.example", 9, 9))));
        assertEquals(List.of("user.get access_denied"), reportsOfRefused(AccessDeniedException.class, () ->
                kit.users().get(RequestContext.of(UserId.of("nobody")), admin.id())));
        assertEquals(List.of("user.get not_found"), reportsOfRefused(NotFoundException.class, () ->
                kit.users().get(asVendor, UserId.of("missing"))));
        assertEquals(List.of("reseller.delete conflict"), reportsOfRefused(ConflictException.class, () ->
                kit.resellers().delete(asVendor, acme.id(), acme.version() + 7)));
    }

    @Test
    void validationFailuresReportOnceWhetherTheCommandOrAMissingArgumentIsAtFault() {
        assertEquals(List.of("reseller.create validation_failed"), reportsOfRefused(ValidationException.class, () ->
                kit.resellers().create(asVendor, CreateReseller.of("", "not-an-email", -7, 0))));
        // Refused before any unit of work starts.
        assertEquals(List.of("user.get validation_failed"), reportsOfRefused(ValidationException.class, () ->
                kit.users().get(asVendor, null)));
    }

    @Test
    void anExportOfManyPagesReportsOnceAndASinkThatFailsReportsUnexpected() {
        Reseller acme = kit.resellers().create(asVendor, CreateReseller.of("Acme", "ops@acme.example", -1, 1));
        for (int i = 0; i < PageRequest.MAX_LIMIT; i++) {
            kit.users().create(asVendor, CreateUser.of("U", "" + i, "u" + i + "@acme.example", Role.USER).inReseller(acme.id()));
        }
        AtomicInteger exported = new AtomicInteger();
        assertEquals(List.of("audit.export ok"), reportsOf(() ->
                kit.audit().export(asVendor, AuditQuery.all(), event -> exported.incrementAndGet())));
        assertTrue(exported.get() > PageRequest.MAX_LIMIT, "the export ran over more than one page: " + exported);
        assertEquals(List.of("audit.export unexpected"), reportsOfRefused(IllegalStateException.class, () ->
                kit.audit().export(asVendor, AuditQuery.all(), event -> {
                    throw new IllegalStateException("the host's sink failed");
                })));
    }

    @Test
    void anObserverThatThrowsLeavesResultsAndRefusalsAsTheyAre() {
        Storage storage = emptyStorage();
        ResellerKit observedBadly = ResellerKit.builder(storage).observer((operation, outcome, nanos) -> {
            throw new IllegalStateException("metrics backend down");
        }).build();
        User vendor = observedBadly.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        RequestContext asVera = RequestContext.of(vendor.id());
        Reseller acme = observedBadly.resellers().create(asVera, CreateReseller.of("Acme", "ops@acme.example", 0, 0));
        assertEquals(acme, storage.unitOfWork().read(() -> storage.resellers().findById(acme.id())).orElseThrow());
        QuotaExceededException refusal = assertThrows(QuotaExceededException.class, () -> observedBadly.users().create(asVera,
                CreateUser.of("Uma", "User", "uma@acme.example", Role.USER).inReseller(acme.id())));
        assertEquals(0, refusal.getSuppressed().length);
    }
}
