/**
 * Following the audit trail: an {@link io.resellerkit.tail.AuditListener} run by a
 * {@link io.resellerkit.tail.ListenerRunner} gets every committed event, at least once, in order
 * within each chain, with a delivery id that stays the same across retries, on one node of many.
 */
package io.resellerkit.tail;
