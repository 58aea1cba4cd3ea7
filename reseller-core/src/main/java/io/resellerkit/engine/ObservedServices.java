package io.resellerkit.engine;

import io.resellerkit.OperationObserver;
import io.resellerkit.error.ResellerKitException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every call of the public services to an {@link OperationObserver}, once, at the API's
 * edge. Not in the operation runner: a public call and a runner unit are not one to one (an
 * export runs one unit per page; a missing argument is refused before any unit starts; several
 * methods share one policy operation), and here every method is covered by construction.
 */
public final class ObservedServices {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedServices.class);
    private final OperationObserver observer;
    private final LongSupplier nanoTime;
    private final AtomicBoolean observerFailed = new AtomicBoolean();

    /** Reports to {@code observer}; null observes nothing (and wraps nothing). */
    public ObservedServices(OperationObserver observer) {
        this(observer, System::nanoTime);
    }

    ObservedServices(OperationObserver observer, LongSupplier nanoTime) {
        this.observer = observer;
        this.nanoTime = nanoTime;
    }

    /**
     * {@code target} with each call of {@code service}'s methods reported as
     * {@code resource.method_name}; {@code target} itself when there is no observer.
     */
    public <S> S wrap(Class<S> service, String resource, S target) {
        if (observer == null) {
            return target;
        }
        Map<Method, String> names = new HashMap<>();
        for (Method method : service.getMethods()) {
            names.put(method, name(resource, method.getName()));
        }
        Object proxy = Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service}, (self, method, args) -> {
            String name = names.get(method);
            // Object's own methods are not operations; a proxy equals only itself.
            if (name == null) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> invoke(method, target, args);
                };
            }
            return observe(name, () -> invoke(method, target, args));
        });
        return service.cast(proxy);
    }

    /** Runs {@code call} and reports it as {@code operation}; returns or throws what the call does. */
    public <T> T observe(String operation, Supplier<T> call) {
        if (observer == null) {
            return call.get();
        }
        long start = nanoTime.getAsLong();
        String outcome = OperationObserver.UNEXPECTED;
        try {
            T result = call.get();
            outcome = OperationObserver.OK;
            return result;
        } catch (ResellerKitException e) {
            outcome = e.code().code();
            throw e;
        } finally {
            report(operation, outcome, nanoTime.getAsLong() - start);
        }
    }

    private void report(String operation, String outcome, long durationNanos) {
        try {
            observer.completed(operation, outcome, durationNanos);
        } catch (RuntimeException e) {
            // The host's observer must not change what its caller sees, nor flood the log.
            if (observerFailed.compareAndSet(false, true)) {
                LOG.warn("the operation observer failed on {} ({}); the call is unaffected, later failures log at debug",
                        operation, outcome, e);
            } else {
                LOG.debug("the operation observer failed on {} ({})", operation, outcome, e);
            }
        }
    }

    /** {@code changeQuotas} of {@code reseller}: {@code reseller.change_quotas}. */
    static String name(String resource, String method) {
        return resource + "." + method.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** Calls the method, throwing what it throws (the services declare no checked exceptions). */
    private static Object invoke(Method method, Object target, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }
}
