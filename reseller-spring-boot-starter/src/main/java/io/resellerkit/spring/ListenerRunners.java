package io.resellerkit.spring;

import io.resellerkit.spi.Storage;
import io.resellerkit.tail.AuditListener;
import io.resellerkit.tail.ListenerRunner;
import java.util.List;
import java.util.Map;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link ListenerRunner} for each of the application's {@link AuditListener} beans, named by the
 * bean's name, started with the application context and stopped (its lease released) with it.
 */
public final class ListenerRunners implements SmartLifecycle {
    private final List<ListenerRunner> runners;
    private volatile boolean running;

    /** One runner per listener, on {@code storage}, with the given settings. */
    public ListenerRunners(Storage storage, Map<String, AuditListener> listeners, ResellerKitListenerProperties settings) {
        this.runners = listeners.entrySet().stream()
                .map(e -> ListenerRunner.builder(storage, e.getKey(), e.getValue())
                        .leaseTtl(settings.leaseTtl()).pollInterval(settings.pollInterval()).build())
                .toList();
    }

    /** The runners, one per listener bean. */
    public List<ListenerRunner> runners() {
        return runners;
    }

    @Override
    public void start() {
        runners.forEach(ListenerRunner::start);
        running = true;
    }

    @Override
    public void stop() {
        runners.forEach(ListenerRunner::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
