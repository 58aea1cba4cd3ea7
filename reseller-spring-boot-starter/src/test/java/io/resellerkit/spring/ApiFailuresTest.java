package io.resellerkit.spring;

import static io.resellerkit.spring.ApiServer.BASE;
import static io.resellerkit.spring.ApiServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.resellerkit.error.StorageException;
import io.resellerkit.inmemory.InMemoryStorage;
import io.resellerkit.query.UserQuery;
import io.resellerkit.spi.AuditTrail;
import io.resellerkit.spi.LicenseStore;
import io.resellerkit.spi.OrganizationStore;
import io.resellerkit.spi.ResellerStore;
import io.resellerkit.spi.Storage;
import io.resellerkit.spi.UnitOfWork;
import io.resellerkit.spi.UsageCounters;
import io.resellerkit.spi.UserStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Failures inside the kit reach the client as problems with a fixed text: an unexpected exception
 * is a 500 and a storage failure a 503, neither with its message, class, SQL or stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFailuresTest {
    private static final String VENDOR = "vera@vendor.example";
    /** What listing users throws next; null for nothing. */
    static final AtomicReference<RuntimeException> FAILURE = new AtomicReference<>();
    private static final String SECRET = "SELECT password FROM rk_users WHERE email = 'vera@vendor.example'";
    private ApiServer api;

    @BeforeAll
    void start() {
        api = ApiServer.inMemory(FailingStorage.class);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @AfterEach
    void heal() {
        FAILURE.set(null);
    }

    @Test
    void anUnexpectedExceptionIsA500WithoutItsMessageClassOrStackTrace() {
        FAILURE.set(new IllegalStateException(SECRET));
        HttpResponse<String> r = api.get(VENDOR, BASE + "/users");

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(r).get("code").asString()).isEqualTo("internal_error");
        assertThat(r.body()).doesNotContain("SELECT", "password", "IllegalState", "Exception", "java.", "io.resellerkit.");
    }

    @Test
    void aStorageFailureIsA503WithoutItsMessageOrCause() {
        FAILURE.set(new StorageException(SECRET, new SQLException(SECRET, "08006"), true));
        HttpResponse<String> r = api.get(VENDOR, BASE + "/users");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("code").asString()).isEqualTo("storage_error");
        assertThat(r.body()).doesNotContain("SELECT", "password", "08006", "Exception", "java.", "io.resellerkit.");
    }

    /** In-memory storage whose user listing (not the lookup by email) throws {@link #FAILURE} when set. */
    @Configuration(proxyBeanMethods = false)
    static class FailingStorage {
        @Bean
        Storage storage() {
            InMemoryStorage real = new InMemoryStorage();
            UserStore users = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                    new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                        RuntimeException failure = FAILURE.get();
                        if (failure != null && method.getName().equals("find") && ((UserQuery) args[0]).email() == null) {
                            throw failure;
                        }
                        try {
                            return method.invoke(real.users(), args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return new Storage() {
                public ResellerStore resellers() {
                    return real.resellers();
                }

                public UserStore users() {
                    return users;
                }

                public OrganizationStore organizations() {
                    return real.organizations();
                }

                public LicenseStore licenses() {
                    return real.licenses();
                }

                public AuditTrail auditTrail() {
                    return real.auditTrail();
                }

                public UsageCounters usageCounters() {
                    return real.usageCounters();
                }

                public UnitOfWork unitOfWork() {
                    return real.unitOfWork();
                }

                public io.resellerkit.spi.IdempotencyKeys idempotencyKeys() {
                    return real.idempotencyKeys();
                }

                public io.resellerkit.spi.TransferTokens transferTokens() {
                    return real.transferTokens();
                }

                @Override
                public io.resellerkit.spi.AccessGrants accessGrants() {
                    return real.accessGrants();
                }
            };
        }
    }
}
