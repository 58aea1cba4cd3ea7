package io.resellerkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.resellerkit.ResellerKit;
import io.resellerkit.model.AuditAction;
import io.resellerkit.model.Role;
import io.resellerkit.command.CreateUser;
import io.resellerkit.webhook.WebhookEndpoint;
import io.resellerkit.webhook.WebhookSender;
import io.resellerkit.webhook.WebhookSignature;
import io.resellerkit.webhook.Webhooks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With {@code resellerkit.webhooks.enabled=true}, events reach a registered endpoint, signed. */
class WebhooksAutoConfigurationTest {
    private final ApplicationContextRunner inMemory = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResellerKitAutoConfiguration.class,
                    ResellerKitWebhooksAutoConfiguration.class, ResellerKitListenersAutoConfiguration.class))
            .withPropertyValues("resellerkit.listeners.poll-interval=20ms", "resellerkit.webhooks.poll-interval=20ms");

    @Test
    void anEventReachesARegisteredEndpointSignedWhenWebhooksAreOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<Map<String, String>> received = new CopyOnWriteArrayList<>();
            Thread accept = new Thread(() -> serve(server, received));
            accept.setDaemon(true);
            accept.start();
            inMemory.withPropertyValues("resellerkit.webhooks.enabled=true").run(context -> {
                assertThat(context).hasSingleBean(WebhookSender.class);
                assertThat(context.getBean(ListenerRunners.class).runners()).extracting(r -> r.name()).contains("webhooks");
                WebhookEndpoint.Registered r = context.getBean(Webhooks.class).register(
                        "http://127.0.0.1:" + server.getLocalPort() + "/hooks", Set.of(AuditAction.USER_CREATED), null);
                context.getBean(ResellerKit.class).bootstrapAdmin(
                        CreateUser.of("Vera", "V", "vera@vendor.example", Role.ADMIN));
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (received.isEmpty()) {
                    assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
                    Thread.sleep(20);
                }
                Map<String, String> got = received.get(0);
                assertThat(got.get("resellerkit-event-type")).isEqualTo("user.created");
                assertThat(WebhookSignature.verify(r.secret(), got.get("resellerkit-signature"), got.get("body"),
                        Instant.now(), Duration.ofMinutes(5))).isTrue();
            });
        }
    }

    @Test
    void webhooksAreOffUnlessTurnedOn() {
        inMemory.run(context -> {
            assertThat(context).doesNotHaveBean(Webhooks.class);
            assertThat(context).doesNotHaveBean(WebhookSender.class);
        });
    }

    /** A minimal HTTP/1.1 endpoint (no dependency): records headers and body, answers 204. */
    private static void serve(ServerSocket server, List<Map<String, String>> received) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                Map<String, String> request = new HashMap<>();
                in.readLine();
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    int colon = line.indexOf(':');
                    request.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
                char[] body = new char[Integer.parseInt(request.getOrDefault("content-length", "0"))];
                int read = 0;
                while (read < body.length) {
                    read += in.read(body, read, body.length - read);
                }
                request.put("body", new String(body));
                received.add(request);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }
}
