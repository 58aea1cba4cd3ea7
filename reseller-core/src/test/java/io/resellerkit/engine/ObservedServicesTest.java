package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.resellerkit.AuditService;
import io.resellerkit.LicenseService;
import io.resellerkit.OperationObserver;
import io.resellerkit.OrganizationService;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerService;
import io.resellerkit.UserService;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The observer sees each public call once, with its stable name, outcome and duration; it cannot break a call. */
class ObservedServicesTest {
    private final List<String> seen = new ArrayList<>();
    private final OperationObserver recorder = (operation, outcome, nanos) -> seen.add(operation + " " + outcome + " " + nanos);
    private final AtomicLong clock = new AtomicLong();
    // Each reading of the clock moves it 5 ns on: a call takes 5 ns.
    private final ObservedServices observed = new ObservedServices(recorder, () -> clock.getAndAdd(5));
    private final RequestContext context = RequestContext.of(UserId.of("u1"));

    @Test
    void everyServiceMethodHasItsStableName() throws Exception {
        Set<String> names = new TreeSet<>();
        names.addAll(namesOf(ResellerService.class, "reseller"));
        names.addAll(namesOf(UserService.class, "user"));
        names.addAll(namesOf(OrganizationService.class, "organization"));
        names.addAll(namesOf(LicenseService.class, "license"));
        names.addAll(namesOf(AuditService.class, "audit"));
        names.addAll(namesOf(io.resellerkit.AccessService.class, "access"));
        names.addAll(namesOf(io.resellerkit.WebhookService.class, "webhook"));
        // Dashboards and alerts use these names: a rename here is a breaking change.
        assertEquals(new TreeSet<>(List.of(
                "access.grant", "access.list", "access.revoke",
                "audit.erase", "audit.export", "audit.export_chained", "audit.export_csv", "audit.purge", "audit.query",
                "audit.verify",
                "license.allocate", "license.assign_to_organization", "license.assign_to_user", "license.create",
                "license.get", "license.list", "license.revoke", "license.suspend", "license.unassign",
                "license.unsuspend",
                "organization.create", "organization.delete", "organization.get", "organization.import_customers",
                "organization.issue_transfer_token",
                "organization.list", "organization.transfer",
                "organization.update",
                "reseller.change_contract_end", "reseller.change_quotas", "reseller.create", "reseller.delete",
                "reseller.get", "reseller.list", "reseller.reactivate", "reseller.suspend", "reseller.terminate",
                "reseller.update", "reseller.usage",
                "user.create", "user.delete", "user.get", "user.list", "user.update",
                "webhook.deliveries", "webhook.delete", "webhook.get", "webhook.list", "webhook.register",
                "webhook.replay")), names);
    }

    /** Calls every method of a wrapped mock once and returns the names it reported. */
    private <S> Set<String> namesOf(Class<S> service, String resource) throws Exception {
        S wrapped = observed.wrap(service, resource, mock(service));
        Set<String> names = new TreeSet<>();
        for (Method method : service.getMethods()) {
            seen.clear();
            Object[] args = new Object[method.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> type = method.getParameterTypes()[i];
                args[i] = type == long.class ? (Object) 0L : type == int.class ? (Object) 0 : null;
            }
            method.invoke(wrapped, args);
            assertEquals(1, seen.size(), method + " reported " + seen);
            names.add(seen.get(0).split(" ")[0]);
        }
        return names;
    }

    @Test
    void aCallThatReturnsIsReportedOnceAsOkWithItsDuration() {
        UserService target = mock(UserService.class);
        User user = mock(User.class);
        when(target.get(context, UserId.of("u2"))).thenReturn(user);
        UserService users = observed.wrap(UserService.class, "user", target);
        assertSame(user, users.get(context, UserId.of("u2")));
        assertEquals(List.of("user.get ok 5"), seen);
    }

    @Test
    void aRefusedCallIsReportedWithItsCodeAndItsOwnExceptionReachesTheCaller() {
        UserService target = mock(UserService.class);
        QuotaExceededException refusal = new QuotaExceededException("allowedUsers", 1, 1);
        when(target.create(any(), any())).thenThrow(refusal);
        UserService users = observed.wrap(UserService.class, "user", target);
        assertSame(refusal, assertThrows(QuotaExceededException.class, () -> users.create(context, null)));
        assertEquals(List.of("user.create quota_exceeded 5"), seen);
    }

    @Test
    void aCallThatFailsWithAnyOtherExceptionIsReportedAsUnexpected() {
        AuditService target = mock(AuditService.class);
        IllegalStateException sinkFailed = new IllegalStateException("the host's sink failed");
        org.mockito.Mockito.doThrow(sinkFailed).when(target).export(any(), any(), any());
        AuditService audit = observed.wrap(AuditService.class, "audit", target);
        assertSame(sinkFailed, assertThrows(IllegalStateException.class, () -> audit.export(context, null, e -> { })));
        assertEquals(List.of("audit.export unexpected 5"), seen);
    }

    @Test
    void anObserverThatThrowsChangesNeitherTheResultNorTheErrorOfACall() {
        OperationObserver broken = (operation, outcome, nanos) -> {
            throw new IllegalStateException("metrics backend down");
        };
        ObservedServices observing = new ObservedServices(broken);
        UserService target = mock(UserService.class);
        User user = mock(User.class);
        when(target.get(any(), any())).thenReturn(user);
        QuotaExceededException refusal = new QuotaExceededException("allowedUsers", 1, 1);
        when(target.create(any(), any())).thenThrow(refusal);
        UserService users = observing.wrap(UserService.class, "user", target);
        assertSame(user, users.get(context, UserId.of("u2")));
        assertSame(user, users.get(context, UserId.of("u2")));
        assertSame(refusal, assertThrows(QuotaExceededException.class, () -> users.create(context, null)));
        assertEquals(0, refusal.getSuppressed().length);
    }

    @Test
    void objectMethodsAreNotOperations() {
        UserService users = observed.wrap(UserService.class, "user", mock(UserService.class));
        users.toString();
        users.hashCode();
        assertTrue(seen.isEmpty(), seen.toString());
    }

    @Test
    void aWrappedServiceEqualsItselfOnlyAndKeepsItsHashCode() {
        UserService target = mock(UserService.class);
        UserService users = observed.wrap(UserService.class, "user", target);
        assertTrue(users.equals(users));
        assertFalse(users.equals(target));
        assertEquals(users.hashCode(), users.hashCode());
        assertEquals(1, java.util.Set.of(users).size());
        assertTrue(java.util.Set.of(users).contains(users));
    }

    @Test
    void withoutAnObserverTheServicesAreNotWrapped() {
        UserService target = mock(UserService.class);
        UserService users = new ObservedServices(null).wrap(UserService.class, "user", target);
        assertSame(target, users);
        assertFalse(Proxy.isProxyClass(users.getClass()));
        users.get(context, UserId.of("u2"));
        verify(target).get(context, UserId.of("u2"));
    }
}
