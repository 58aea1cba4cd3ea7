package io.resellerkit.engine;

import io.resellerkit.model.Reseller;
import io.resellerkit.model.ResellerId;
import io.resellerkit.query.ResellerQuery;
import io.resellerkit.spi.Keyset;
import io.resellerkit.spi.ResellerStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reseller tree: a reseller's ancestors and its subtree, read from storage. A reseller's
 * parent is fixed when it is created and must exist then, so the tree has no cycles by
 * construction, and a reseller's depth never changes. Depth is small (at most
 * {@code maxDepth}), so walking it costs a few reads by id, or one query per level.
 */
final class Tiers {
    /** Rows read per query while walking down a level. */
    private static final int PAGE = 500;
    private final ResellerStore resellers;
    private final int maxDepth;

    Tiers(ResellerStore resellers, int maxDepth) {
        this.resellers = resellers;
        this.maxDepth = maxDepth;
    }

    /** How many tiers may stand below the vendor. */
    int maxDepth() {
        return maxDepth;
    }

    /** The reseller and its ancestors, the reseller first, its top-level ancestor last. */
    List<Reseller> chain(Reseller reseller) {
        List<Reseller> chain = new ArrayList<>(2);
        chain.add(reseller);
        Reseller at = reseller;
        // Bounded as well, so that rows edited behind the library's back into a cycle cannot loop forever.
        while (at.parentId() != null && chain.size() <= maxDepth + 1) {
            at = resellers.findById(at.parentId()).orElse(null);
            if (at == null) {
                break;
            }
            chain.add(at);
        }
        return chain;
    }

    /** The reseller with this id and its ancestors, as {@link #chain(Reseller)}; empty if it is gone. */
    List<Reseller> chain(ResellerId id) {
        return resellers.findById(id).map(this::chain).orElse(List.of());
    }

    /** The reseller's id and the ids of every reseller below it, at any depth. */
    Set<ResellerId> subtree(ResellerId root) {
        Set<ResellerId> all = new LinkedHashSet<>();
        all.add(root);
        Set<ResellerId> level = Set.of(root);
        for (int depth = 0; depth < maxDepth + 1 && !level.isEmpty(); depth++) {
            Set<ResellerId> next = new HashSet<>();
            for (ResellerId child : children(level)) {
                if (all.add(child)) {
                    next.add(child);
                }
            }
            level = next;
        }
        return Set.copyOf(all);
    }

    /** True if a reseller sits directly under this one. */
    boolean hasChildren(ResellerId parent) {
        return !resellers.find(ResellerQuery.all().withParentIds(Set.of(parent)), null, 1).isEmpty();
    }

    private List<ResellerId> children(Set<ResellerId> parents) {
        List<ResellerId> ids = new ArrayList<>();
        List<ResellerId> batch = new ArrayList<>(parents);
        // A filter holds at most 1,000 values: ask in slices.
        for (int from = 0; from < batch.size(); from += 1000) {
            ResellerQuery q = ResellerQuery.all().withParentIds(
                    Set.copyOf(batch.subList(from, Math.min(batch.size(), from + 1000))));
            Keyset after = null;
            while (true) {
                List<Reseller> page = resellers.find(q, after, PAGE);
                page.forEach(r -> ids.add(r.id()));
                if (page.size() < PAGE) {
                    break;
                }
                Reseller last = page.get(page.size() - 1);
                after = new Keyset(last.createdAt(), last.id().value());
            }
        }
        return ids;
    }
}
