package io.resellerkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import io.resellerkit.model.AuditAction;
import io.resellerkit.RequestContext;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.error.AccessDeniedException;
import io.resellerkit.error.StorageException;
import io.resellerkit.error.ValidationException;
import io.resellerkit.model.AuditEvent;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.ChainHead;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.UserStore;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The runner's order of work, with the storage ports mocked. */
class OperationRunnerTest {
    private final Storage storage = mock(Storage.class);
    private final UnitOfWork unitOfWork = mock(UnitOfWork.class);
    private final UserStore users = mock(UserStore.class);
    private final AuditTrail trail = mock(AuditTrail.class);
    private final OperationRunner runner = new OperationRunner(storage, new InputValidator(), new PermissionPolicy(java.time.Clock.systemUTC()),
            new Auditor(trail, () -> Instant.EPOCH, () -> "event-1"), () -> Instant.EPOCH, Duration.ofHours(24),
            new Tiers(mock(io.resellerkit.spi.ResellerStore.class), 4));
    private final RequestContext asUser = new RequestContext(UserId.of("u1"), "req-9");

    OperationRunnerTest() {
        when(storage.unitOfWork()).thenReturn(unitOfWork);
        when(storage.users()).thenReturn(users);
        when(storage.findUserAndReseller(any())).thenCallRealMethod();
        when(unitOfWork.write(any())).thenAnswer(call -> ((Supplier<?>) call.getArgument(0)).get());
        when(unitOfWork.read(any())).thenAnswer(call -> ((Supplier<?>) call.getArgument(0)).get());
        when(unitOfWork.writeIndependently(any())).thenAnswer(call -> ((Supplier<?>) call.getArgument(0)).get());
        when(trail.lockChain(any())).thenAnswer(call -> ChainHead.empty(call.getArgument(0)));
    }

    @Test
    void invalidInputTouchesNoStorageAtAll() {
        assertThrows(ValidationException.class, () -> runner.write(asUser, "user",
                Operation.RESELLER_CREATE, call -> "never",
                CreateReseller.of("", "not-an-email", -7, 0)));
        verifyNoInteractions(storage);
    }

    @Test
    void aRefusalIsRecordedInAnIndependentUnitAfterTheFirstOneFailed() {
        User user = new User(UserId.of("u1"), "U", "One", "u1@x.example", Role.USER, null, null, Map.of(), 1,
                Instant.EPOCH, Instant.EPOCH);
        when(users.findById(UserId.of("u1"))).thenReturn(Optional.of(user));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> runner.write(asUser, "user",
                Operation.RESELLER_CREATE, call -> {
            runner.require(call, Operation.RESELLER_CREATE, Target.newReseller(null));
            return "never";
        }));
        assertEquals("user may not create reseller", e.reason());
        InOrder order = inOrder(unitOfWork, trail);
        order.verify(unitOfWork).write(any());
        order.verify(unitOfWork).writeIndependently(any());
        ArgumentCaptor<AuditEvent> event = ArgumentCaptor.forClass(AuditEvent.class);
        order.verify(trail).append(event.capture(), any());
        assertEquals(AuditAction.ACCESS_DENIED, event.getValue().action());
        assertEquals(Role.USER, event.getValue().actorRole());
        assertEquals("req-9", event.getValue().requestId());
    }

    @Test
    void aRefusalWhoseEventCannotBeStoredStillReachesTheCallerWithTheFailureSuppressed() {
        when(users.findById(UserId.of("u1"))).thenReturn(Optional.empty());
        StorageException full = new StorageException("insert audit event failed: the disk is full", null);
        org.mockito.Mockito.doThrow(full).when(trail).append(any(), any());
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> runner.read(asUser, "user", call -> "never"));
        assertEquals(List.of(full), List.of(e.getSuppressed()));
    }

    @Test
    void anUnknownActorIsRefusedAndRecordedUnderTheIdItClaimedAndTheResourceTypeOfTheCall() {
        when(users.findById(UserId.of("u1"))).thenReturn(Optional.empty());
        assertThrows(AccessDeniedException.class, () -> runner.read(asUser, "license", call -> "never"));
        ArgumentCaptor<AuditEvent> event = ArgumentCaptor.forClass(AuditEvent.class);
        org.mockito.Mockito.verify(trail).append(event.capture(), any());
        assertEquals(UserId.of("u1"), event.getValue().actorId());
        assertEquals(null, event.getValue().actorRole());
        assertEquals("license", event.getValue().resourceType());
    }
}
