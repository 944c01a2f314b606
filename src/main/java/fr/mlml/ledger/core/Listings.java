package fr.mlml.ledger.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The back office's lists of members and accounts, in id order from a cursor. Each page costs at most
 * {@code budget} members or accounts examined, however large the ledger and however rare the matches: the engine
 * thread answers it in bounded time, and a search goes on from the page's {@code next}.
 */
final class Listings {
    private Listings() {
    }

    static Page<MemberView> members(Ledger l, String after, int limit, int budget, MemberQuery query) {
        Members members = l.members;
        List<MemberView> items = new ArrayList<>(Math.min(limit, 64));
        String[] last = {null};
        int[] examined = {0};
        boolean more = members.order.forEachAfter(after, m -> {
            last[0] = members.id(m);
            if (query.matches(members.id(m), members.name(m), members.kind(m))) items.add(l.memberAt(m));
            return items.size() < limit && ++examined[0] < budget;
        });
        return new Page<>(items, more ? last[0] : null);
    }

    static Page<AccountView> accounts(Ledger l, String after, int limit, int budget, AccountQuery query,
                                      long nowMs) {
        Accounts accounts = l.accounts;
        int currency = query.currency() == null ? -1 : l.currencyIndex(query.currency());
        if (query.currency() != null && currency < 0) return new Page<>(List.of(), null);
        List<AccountView> items = new ArrayList<>(Math.min(limit, 64));
        String[] last = {null};
        int[] examined = {0};
        IntPredicate visit = a -> {
            last[0] = accounts.ids[a];
            if ((currency < 0 || accounts.currency[a] == currency)
                    && (query.status() == null || accounts.status(a) == query.status())
                    && (query.breach() == null || query.breach() == Reconciliation.breaches(l, a, nowMs))) {
                items.add(l.accountAt(a));
            }
            return items.size() < limit && ++examined[0] < budget;
        };
        boolean more;
        if (query.memberId() == null) {
            more = accounts.order.forEachAfter(after, visit);
        } else {
            more = forEachOfMember(l, query.memberId(), after, visit);
        }
        return new Page<>(items, more ? last[0] : null);
    }

    /** A member's accounts after {@code after} in id order (a member has few: they are sorted here). */
    private static boolean forEachOfMember(Ledger l, String memberId, String after, IntPredicate visit) {
        int m = l.members.indexOf(memberId);
        if (m < 0) return false;
        Accounts accounts = l.accounts;
        List<Integer> own = new ArrayList<>();
        for (int a = accounts.firstOf(m); a != Accounts.NONE; a = accounts.nextOfOwner(a)) {
            if (after == null || accounts.ids[a].compareTo(after) > 0) own.add(a);
        }
        Integer[] sorted = own.toArray(new Integer[0]);
        Arrays.sort(sorted, (x, y) -> accounts.ids[x].compareTo(accounts.ids[y]));
        for (int i = 0; i < sorted.length; i++) {
            if (!visit.test(sorted[i])) return i + 1 < sorted.length;
        }
        return false;
    }
}
