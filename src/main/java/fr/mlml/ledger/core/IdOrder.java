package fr.mlml.ledger.core;

import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Dense indices (of members, of accounts) kept in the order of their ids, so the back office lists them page by
 * page from a cursor id: blocks of at most {@link #BLOCK} indices, each sorted, the blocks in order. Adding one moves
 * at most a block's worth of ints and finding where a cursor falls takes two binary searches, so neither grows with
 * the ledger the way a sorted array or a sort per request would. Memory: 4 bytes per index, plus a block header per
 * {@link #BLOCK} / 2 of them at worst. Ids compare by UTF-16 unit, which for the ledger's ASCII ids is the byte
 * order PostgreSQL's {@code COLLATE "C"} gives them. Derived from the ids: rebuilt as they are added, never stored.
 */
final class IdOrder {
    static final int BLOCK = 512;

    private final IntFunction<String> idOf;
    private int[][] blocks = new int[16][];
    private int[] sizes = new int[16];
    private int blockCount;

    IdOrder(IntFunction<String> idOf) {
        this.idOf = idOf;
    }

    /** Adds an index whose id none of the others has. */
    void add(int index) {
        String id = idOf.apply(index);
        if (blockCount == 0) {
            blocks[0] = new int[BLOCK];
            blockCount = 1;
        }
        int b = blockOf(id);
        int at = firstAfter(b, id);
        int[] block = blocks[b];
        System.arraycopy(block, at, block, at + 1, sizes[b] - at);
        block[at] = index;
        if (++sizes[b] == BLOCK) split(b);
    }

    /**
     * Hands {@code visit} the indices whose ids come after {@code after} (from the first when null), in id order,
     * until it answers false or none is left; returns true if it stopped with some left unvisited.
     */
    boolean forEachAfter(String after, IntPredicate visit) {
        if (blockCount == 0) return false;
        int b = after == null ? 0 : blockOf(after);
        int at = after == null ? 0 : firstAfter(b, after);
        for (; b < blockCount; b++, at = 0) {
            for (; at < sizes[b]; at++) {
                if (!visit.test(blocks[b][at])) return at + 1 < sizes[b] || b + 1 < blockCount;
            }
        }
        return false;
    }

    /** The last block whose first id is not after {@code id} (the first block if every one's is). */
    private int blockOf(String id) {
        int lo = 1;
        int hi = blockCount - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (idOf.apply(blocks[mid][0]).compareTo(id) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The position in block {@code b} of the first id after {@code id}. */
    private int firstAfter(int b, String id) {
        int[] block = blocks[b];
        int lo = 0;
        int hi = sizes[b];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (idOf.apply(block[mid]).compareTo(id) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Moves the upper half of a full block into a new block right after it. */
    private void split(int b) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blockCount * 2);
            sizes = Arrays.copyOf(sizes, blockCount * 2);
        }
        System.arraycopy(blocks, b + 1, blocks, b + 2, blockCount - b - 1);
        System.arraycopy(sizes, b + 1, sizes, b + 2, blockCount - b - 1);
        int half = BLOCK / 2;
        int[] upper = new int[BLOCK];
        System.arraycopy(blocks[b], half, upper, 0, BLOCK - half);
        blocks[b + 1] = upper;
        sizes[b + 1] = BLOCK - half;
        sizes[b] = half;
        blockCount++;
    }
}
