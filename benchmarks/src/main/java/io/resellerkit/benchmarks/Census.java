package io.resellerkit.benchmarks;

import io.resellerkit.PageRequest;
import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.jdbc.JdbcStorage;
import io.resellerkit.model.Reseller;
import io.resellerkit.model.Role;
import io.resellerkit.model.User;
import io.resellerkit.query.AuditQuery;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts the statements each side sends per call (see {@link BenchPool#statementsSent()}), so
 * the report can say where the time goes: on a 2-core machine every statement costs CPU in
 * the JVM and in a PostgreSQL backend, and a round trip.
 */
final class Census {
    private static final int CALLS = 20;

    private Census() {
    }

    /** Statements per call, by what was called. */
    static Map<String, Double> count(Database db, boolean auditData) throws SQLException {
        Map<String, Double> perCall = new LinkedHashMap<>();
        try (BenchPool pool = new BenchPool(db, 1)) {
            JdbcStorage storage = JdbcStorage.builder(pool).build();
            ResellerKit kit = ResellerKit.builder(storage).build();
            User vendor = Fixtures.vendor(kit, storage);
            Reseller r = Fixtures.reseller(kit, vendor, "census", CreateUserBenchmark.LARGE_QUOTA);
            User admin = Fixtures.resellerAdmin(kit, vendor, r);
            RequestContext asAdmin = new RequestContext(admin.id(), CreateUserBenchmark.REQUEST_ID);
            HandWrittenJdbc handWritten = new HandWrittenJdbc(pool, r.id().value(), admin.id().value());
            Call libraryCreate = () -> kit.users().create(asAdmin,
                    CreateUser.of("Bea", "Bench", Fixtures.uniqueEmail(), Role.USER).inReseller(r.id()));
            Call handCreate = () -> handWritten.createUser("Bea", "Bench", Fixtures.uniqueEmail(), "census");
            // The first create makes the counter row; count from the second.
            libraryCreate.run();
            perCall.put("create a user: library", perCall(pool, libraryCreate));
            perCall.put("create a user: hand-written", perCall(pool, handCreate));
            try (JpaPeer jpa = new JpaPeer(pool)) {
                String[] ids = jpa.resellerWithAdmin(CreateUserBenchmark.LARGE_QUOTA);
                UUID jpaAdmin = UUID.fromString(ids[0]);
                UUID jpaReseller = UUID.fromString(ids[1]);
                perCall.put("create a user: Spring Data JPA / Hibernate", perCall(pool, () -> jpa.users().create(jpaAdmin,
                        jpaReseller, "Bea", "Bench", Fixtures.uniqueEmail(), "census")));
            }
            if (auditData) {
                AuditData.Fixture data = AuditData.ensure(db, kit, vendor);
                AuditQuery query = AuditQuery.all().forReseller(data.hotReseller())
                        .withActions(AuditData.FILTER_ACTIONS).withOccurredAt(data.range());
                RequestContext asVendor = RequestContext.of(vendor.id());
                perCall.put("audit page: library", perCall(pool,
                        () -> kit.audit().query(asVendor, query, PageRequest.first(AuditTrailBenchmark.PAGE))));
                perCall.put("audit page: hand-written keyset", perCall(pool,
                        () -> AuditTrailBenchmark.handWrittenFirstPage(pool, data)));
            }
        }
        return perCall;
    }

    private interface Call {
        void run() throws SQLException;
    }

    private static double perCall(BenchPool pool, Call call) throws SQLException {
        long before = pool.statementsSent();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return (pool.statementsSent() - before) / (double) CALLS;
    }
}
