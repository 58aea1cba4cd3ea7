/** ResellerKit's Micrometer metrics and the health of its storage, for Spring Boot applications. */
package io.resellerkit.spring.metrics;
