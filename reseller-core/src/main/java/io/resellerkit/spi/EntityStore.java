package io.resellerkit.spi;

import io.resellerkit.error.ConflictException;
import io.resellerkit.model.Entity;
import java.util.List;
import java.util.Optional;

/**
 * What every aggregate's store does. Stores save and load; they never decide who may do
 * what. Every method runs inside the caller's {@link UnitOfWork}.
 *
 * @param <I> the id type
 * @param <E> the entity type
 * @param <Q> the query type
 */
public interface EntityStore<I, E extends Entity<I>, Q> {

    /**
     * Stores a new entity (its version is 1).
     *
     * @throws ConflictException of kind DUPLICATE if its id or a unique value is taken
     */
    void insert(E entity);

    /**
     * Stores new entities, in order, as {@link #insert} each would; an adapter may send them
     * together (the JDBC adapter batches them).
     *
     * @throws ConflictException of kind DUPLICATE if an id or a unique value is taken; which of
     *                           the entities were stored then is undefined until the unit rolls back
     */
    default void insertAll(java.util.List<E> entities) {
        entities.forEach(this::insert);
    }

    /**
     * Replaces the stored entity with {@code entity}, if the stored version is
     * {@code entity.version() - 1}.
     *
     * @throws ConflictException of kind STALE_VERSION if the stored version differs or the entity is gone,
     *                           of kind DUPLICATE if a unique value is taken
     */
    void update(E entity);

    /**
     * Deletes the entity if its stored version is {@code version}.
     *
     * @throws ConflictException of kind STALE_VERSION if the stored version differs or the entity is gone
     */
    void delete(I id, long version);

    /** The entity with this id, if stored. */
    Optional<E> findById(I id);

    /**
     * Up to {@code limit} entities matching {@code query} (as {@code query.matches} defines),
     * ordered by createdAt then id, starting after {@code after} (null for the first page).
     */
    List<E> find(Q query, Keyset after, int limit);
}
