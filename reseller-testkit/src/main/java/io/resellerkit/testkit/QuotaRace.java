package io.resellerkit.testkit;

import io.resellerkit.RequestContext;
import io.resellerkit.ResellerKit;
import io.resellerkit.command.CreateUser;
import io.resellerkit.error.QuotaExceededException;
import io.resellerkit.model.ResellerId;
import io.resellerkit.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Many threads creating users in one reseller at once, released together: how many creates
 * succeeded and how many were refused for the quota. Any other failure fails the race.
 */
public record QuotaRace(int created, int refused) {

    /** Runs {@code threads} threads of {@code attemptsEach} creates each, with emails tagged {@code tag}. */
    public static QuotaRace run(ResellerKit kit, RequestContext as, ResellerId reseller, int threads, int attemptsEach,
                                String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                start.await();
                int created = 0;
                int refused = 0;
                for (int i = 0; i < attemptsEach; i++) {
                    try {
                        kit.users().create(as, CreateUser.of("T", "T", tag + thread + "-" + i + "@race.example",
                                Role.USER).inReseller(reseller));
                        created++;
                    } catch (QuotaExceededException e) {
                        refused++;
                    }
                }
                return new int[] {created, refused};
            }));
        }
        start.countDown();
        int created = 0;
        int refused = 0;
        try {
            for (Future<int[]> f : results) {
                int[] r = f.get(120, TimeUnit.SECONDS);
                created += r[0];
                refused += r[1];
            }
        } finally {
            pool.shutdownNow();
        }
        return new QuotaRace(created, refused);
    }
}
