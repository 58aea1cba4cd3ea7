package io.resellerkit.inmemory;

import io.resellerkit.error.ConflictException;
import io.resellerkit.error.NotFoundException;
import io.resellerkit.model.Entity;
import io.resellerkit.spi.EntityStore;
import io.resellerkit.spi.Keyset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One aggregate's rows, by id and in list order, with an optional unique value. Entities are
 * immutable values (their metadata an unmodifiable copy), so storing and handing out the same
 * instance is as safe as copying it: nobody can change a stored row behind the store's back.
 *
 * <p>Rows refer to each other as the JDBC adapter's foreign keys say: an insert or update that
 * refers to a missing row fails with a {@link NotFoundException} naming it, and a delete of a row
 * that others refer to fails with an {@code IN_USE} {@link ConflictException}. Units of work run
 * one writer at a time, so checking is enough; no lock is needed.
 */
class InMemoryEntityStore<I, E extends Entity<I>, Q> implements EntityStore<I, E, Q> {
    private final String resourceType;
    private final Transactions tx;
    private final BiPredicate<Q, E> matches;
    private final Function<E, String> uniqueValue;
    private final String uniqueName;
    private final Map<I, E> byId = new ConcurrentHashMap<>();
    private final NavigableMap<SortKey, E> ordered = new ConcurrentSkipListMap<>();
    private final Map<String, I> byUniqueValue = new ConcurrentHashMap<>();

    /**
     * @param uniqueValue the value no two rows may share (null for none), compared as given
     * @param uniqueName  its name, for conflict messages
     */
    InMemoryEntityStore(String resourceType, Transactions tx, BiPredicate<Q, E> matches,
                        Function<E, String> uniqueValue, String uniqueName) {
        this.resourceType = resourceType;
        this.tx = tx;
        this.matches = matches;
        this.uniqueValue = uniqueValue;
        this.uniqueName = uniqueName;
    }

    @Override
    public void insert(E entity) {
        tx.change(() -> {
            if (byId.containsKey(entity.id())) {
                throw new ConflictException(ConflictException.Kind.DUPLICATE, resourceType + " id is taken");
            }
            claimUnique(entity);
            requireReferences(entity);
            put(entity);
        }, () -> remove(entity));
    }

    @Override
    public void update(E entity) {
        E[] previous = holder();
        tx.change(() -> {
            E stored = byId.get(entity.id());
            if (stored == null || stored.version() != entity.version() - 1) {
                throw stale();
            }
            claimUnique(entity);
            requireReferences(entity);
            remove(stored);
            put(entity);
            previous[0] = stored;
        }, () -> {
            remove(entity);
            put(previous[0]);
        });
    }

    @Override
    public void delete(I id, long version) {
        E[] previous = holder();
        tx.change(() -> {
            E stored = byId.get(id);
            if (stored == null || stored.version() != version) {
                throw stale();
            }
            if (isReferredTo(id)) {
                throw new ConflictException(ConflictException.Kind.IN_USE,
                        "delete " + resourceType + " failed: other rows still refer to it");
            }
            remove(stored);
            previous[0] = stored;
        }, () -> put(previous[0]));
    }

    @Override
    public Optional<E> findById(I id) {
        return tx.query(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public List<E> find(Q query, Keyset after, int limit) {
        return tx.query(() -> {
            NavigableMap<SortKey, E> from = after == null ? ordered : ordered.tailMap(SortKey.of(after), false);
            List<E> page = new ArrayList<>(Math.min(limit, 128));
            for (E e : from.values()) {
                if (page.size() >= limit) {
                    break;
                }
                if (matches.test(query, e)) {
                    page.add(e);
                }
            }
            return page;
        });
    }

    /**
     * Refuses an entity that refers to a row that is not stored. Stores with references check
     * them nearest first (an assignee or organization before a reseller), as the JDBC adapter names them.
     */
    void requireReferences(E entity) {
    }

    /** True if a stored row of any store refers to the row with this id. */
    boolean isReferredTo(I id) {
        return false;
    }

    /** Refuses a reference, if given, to a row {@code store} does not hold. */
    static <J> void requireStored(InMemoryEntityStore<J, ?, ?> store, J id) {
        if (id != null && !store.byId.containsKey(id)) {
            throw new NotFoundException(store.resourceType, id.toString());
        }
    }

    /** True if a stored row matches. */
    boolean anyMatches(Predicate<E> row) {
        return byId.values().stream().anyMatch(row);
    }

    private void claimUnique(E entity) {
        if (uniqueValue == null) {
            return;
        }
        I holder = byUniqueValue.get(uniqueValue.apply(entity));
        if (holder != null && !holder.equals(entity.id())) {
            throw new ConflictException(ConflictException.Kind.DUPLICATE, resourceType + " " + uniqueName + " is taken");
        }
    }

    private void put(E e) {
        byId.put(e.id(), e);
        ordered.put(key(e), e);
        if (uniqueValue != null) {
            byUniqueValue.put(uniqueValue.apply(e), e.id());
        }
    }

    private void remove(E e) {
        byId.remove(e.id());
        ordered.remove(key(e));
        if (uniqueValue != null) {
            byUniqueValue.remove(uniqueValue.apply(e), e.id());
        }
    }

    private SortKey key(E e) {
        return new SortKey(e.createdAt(), Objects.toString(e.id()));
    }

    private ConflictException stale() {
        return new ConflictException(ConflictException.Kind.STALE_VERSION,
                resourceType + " was changed or deleted by someone else");
    }

    @SuppressWarnings("unchecked")
    private E[] holder() {
        return (E[]) new Entity<?>[1];
    }
}
