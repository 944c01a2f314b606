package fr.mlml.ledger.core;

import java.util.Arrays;

/** Members, indexed densely from 0 in creation order; their per-member conversion cap overrides. */
final class Members {
    private final StringIntMap index = new StringIntMap(1024);
    private String[] ids = new String[1024];
    private String[] names = new String[1024];
    private MemberKind[] kinds = new MemberKind[1024];
    private CapOverride[][] capOverrides = new CapOverride[1024][];
    private int count;
    /** The members in id order, for the back office's lists. */
    final IdOrder order = new IdOrder(m -> ids[m]);

    int indexOf(String id) {
        return index.get(id);
    }

    int add(String id, String name, MemberKind kind) {
        if (count == ids.length) grow();
        int m = count++;
        ids[m] = id;
        names[m] = name;
        kinds[m] = kind;
        index.putNew(id, m);
        order.add(m);
        return m;
    }

    int count() {
        return count;
    }

    String id(int m) {
        return ids[m];
    }

    String name(int m) {
        return names[m];
    }

    MemberKind kind(int m) {
        return kinds[m];
    }

    void setName(int m, String name) {
        names[m] = name;
    }

    CapOverride[] capOverrides(int m) {
        return capOverrides[m];
    }

    void setCapOverrides(int m, CapOverride[] overrides) {
        capOverrides[m] = overrides;
    }

    private void grow() {
        int n = ids.length * 2;
        ids = Arrays.copyOf(ids, n);
        names = Arrays.copyOf(names, n);
        kinds = Arrays.copyOf(kinds, n);
        capOverrides = Arrays.copyOf(capOverrides, n);
    }
}
