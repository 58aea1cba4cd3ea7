package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.model.UserId;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Heap used per 100,000 users in {@link InMemoryStorage}, measured in a JVM of its own (started
 * by {@link RunAll}): used heap after full collections, before and after. Users created through
 * the kit (each with its {@code user.created} audit event), measured as many times as the first
 * argument says (6 by default, the fewest that give a 95 % interval for the median), each in a
 * new storage; then once, users inserted into the store directly (the user rows and their
 * indexes alone). Prints one machine-readable line per measurement.
 */
public final class MemoryFootprint {
    static final int USERS = 100_000;
    /** Keeps the measured storage reachable through the second heap reading. */
    private static Object retained;

    private MemoryFootprint() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        // Warm up both paths so classes and JIT data are allocated before the first measurement.
        throughKit(2_000);
        storeOnly(2_000);

        long before;
        long after;
        for (int i = 0; i < repeats; i++) {
            before = usedHeap();
            retained = throughKit(USERS);
            after = usedHeap();
            System.out.println("MEMORY kit " + USERS + " " + (after - before));
            retained = null;
        }

        before = usedHeap();
        retained = storeOnly(USERS);
        after = usedHeap();
        System.out.println("MEMORY store " + USERS + " " + (after - before));
        retained = null;
    }

    /** Users created by the reseller's admin, as in B1: user rows, indexes and audit events. */
    private static InMemoryStorage throughKit(int users) {
        InMemoryStorage storage = new InMemoryStorage();
        ResellerKit kit = ResellerKit.builder(storage).build();
        User vendor = kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN));
        Reseller r = kit.resellers().create(RequestContext.of(vendor.id()),
                CreateReseller.of("Mem", "partners@mem.example", -1, -1));
        User admin = kit.users().create(RequestContext.of(vendor.id()),
                CreateUser.of("Rita", "Reseller", "rita@mem.example", Role.RESELLER_ADMIN).inReseller(r.id()));
        RequestContext asAdmin = RequestContext.of(admin.id());
        for (int i = 0; i < users; i++) {
            kit.users().create(asAdmin, CreateUser.of("Bea", "Bench", "user" + i + "@mem.example", Role.USER)
                    .inReseller(r.id()));
        }
        return storage;
    }

    /** The same users inserted straight into the store: no audit events, no counters. */
    private static InMemoryStorage storeOnly(int users) {
        InMemoryStorage storage = new InMemoryStorage();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // No reseller: the store now refuses a reference to one it does not hold.
        for (int i = 0; i < users; i++) {
            User u = new User(UserId.of(Fixtures.uuidV7()), "Bea", "Bench", "user" + i + "@mem.example", Role.USER,
                    null, null, Map.of(), 1, now, now);
            storage.users().insert(u);
        }
        return storage;
    }

    private static long usedHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
