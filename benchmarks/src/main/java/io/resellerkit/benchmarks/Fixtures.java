package io.resellerkit.benchmarks;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateReseller;
import io.resellerkit.command.CreateUser;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** What every benchmark sets up the same way: the vendor, resellers with their admins, unique emails. */
final class Fixtures {
    /** Emails are unique across forks and runs on the same database. */
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36) + "x"
            + Long.toString(System.currentTimeMillis(), 36);
    private static final AtomicLong EMAILS = new AtomicLong();

    private Fixtures() {
    }

    /** The vendor's admin: the first one stored, or a new one on an empty database. */
    static User vendor(ResellerKit kit, Storage storage) {
        List<User> admins = storage.unitOfWork().read(
                () -> storage.users().find(UserQuery.all().withRoles(Set.of(Role.ADMIN)), null, 1));
        return admins.isEmpty()
                ? kit.bootstrapAdmin(CreateUser.of("Vera", "Vendor", "vera@vendor.example", Role.ADMIN))
                : admins.get(0);
    }

    /** A reseller of its own for one benchmark, with the given cap on customer users. */
    static Reseller reseller(ResellerKit kit, User vendor, String name, int allowedUsers) {
        return kit.resellers().create(RequestContext.of(vendor.id()),
                CreateReseller.of(name + " " + RUN, "partners-" + uniqueEmail(), allowedUsers, -1));
    }

    /** The reseller's admin, who creates its customers in the benchmarks. */
    static User resellerAdmin(ResellerKit kit, User vendor, Reseller reseller) {
        return kit.users().create(RequestContext.of(vendor.id()),
                CreateUser.of("Rita", "Reseller", uniqueEmail(), Role.RESELLER_ADMIN).inReseller(reseller.id()));
    }

    static String uniqueEmail() {
        return "u" + EMAILS.incrementAndGet() + "-" + RUN + "@bench.example";
    }

    /** A time-ordered UUID (version 7), as the library makes them, from a cheap thread-local random. */
    static String uuidV7() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextInt() & 0x0FFFL);
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /**
     * Appends a line to {@code checks.txt} in the run's output directory (system property
     * {@code bench.out}), where {@link RunAll} collects what the forks found; also prints it.
     * Marked with the pass ({@code bench.pass}, e.g. "(durable)") when there is one.
     */
    static void report(String finding) {
        String pass = System.getProperty("bench.pass", "");
        String line = pass.isBlank() ? finding : finding + " " + pass;
        System.out.println(line);
        String dir = System.getProperty("bench.out");
        if (dir == null) {
            return;
        }
        try {
            Files.writeString(Path.of(dir, "checks.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("could not record a check: " + e);
        }
    }
}
