package io.resellerkit.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the listeners the starter runs for the application's {@code AuditListener} beans,
 * under {@code resellerkit.listeners.*}.
 *
 * <p>Each {@code @param} below is also the property's description in IDEs, so it is plain text.
 *
 * @param enabled      Whether each AuditListener bean is run, named by its bean name, on one node of many
 *                     at a time (a lease in storage).
 * @param leaseTtl     How long a node's lease on a listener lasts unless renewed: how soon another node
 *                     takes over from one that died.
 * @param pollInterval The pause between passes over the audit trail that found nothing to deliver; at most
 *                     half of lease-ttl.
 */
@ConfigurationProperties("resellerkit.listeners")
public record ResellerKitListenerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration leaseTtl,
        @DefaultValue("1s") Duration pollInterval) {
}
