package io.resellerkit.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.resellerkit.webhook.WebhookSender;
import io.resellerkit.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint for tests, on the JDK's HTTP server at 127.0.0.1: it checks each request's
 * signature with the secret it is given, records what it received, and answers as told (200, a
 * status, or slowly). It can be stopped and started again on the same port, to play an endpoint
 * that is down and then recovers.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Received(String deliveryId, String eventType, int attempt, String body, boolean signatureValid) {
    }

    private final int port;
    private final Clock clock;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile String secret = "";
    private volatile int status = 200;
    private volatile long delayMillis;
    private HttpServer server;

    private WebhookReceiver(int port, Clock clock) {
        this.port = port;
        this.clock = clock;
    }

    /** A receiver on a free port, not started yet (so its URL refuses connections until {@link #start()}). */
    public static WebhookReceiver onFreePort(Clock clock) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new WebhookReceiver(s.getLocalPort(), clock);
        }
    }

    /** Its URL. */
    public String url() {
        return "http://127.0.0.1:" + port + "/hooks";
    }

    /** The secret the signatures are checked with. */
    public WebhookReceiver secret(String secret) {
        this.secret = secret;
        return this;
    }

    /** Answers every request with this status from now on. */
    public WebhookReceiver answer(int status) {
        this.status = status;
        return this;
    }

    /** Waits this long before answering (after recording the request). */
    public WebhookReceiver delay(Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    /** Starts listening. */
    public synchronized WebhookReceiver start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(threads);
        server.createContext("/hooks", this::handle);
        server.start();
        return this;
    }

    /** Stops listening: connections are refused until started again. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x; InputStream in = x.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String signature = x.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            String attempt = x.getRequestHeaders().getFirst(WebhookSender.ATTEMPT_HEADER);
            received.add(new Received(x.getRequestHeaders().getFirst(WebhookSender.DELIVERY_ID_HEADER),
                    x.getRequestHeaders().getFirst(WebhookSender.EVENT_TYPE_HEADER),
                    attempt == null ? 0 : Integer.parseInt(attempt), body,
                    WebhookSignature.verify(secret, signature, body, clock.instant(), Duration.ofMinutes(5))));
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            x.sendResponseHeaders(status, -1);
        }
    }

    /** Every request received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }
}
