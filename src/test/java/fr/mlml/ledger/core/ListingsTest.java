package fr.mlml.ledger.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The back office's lists as the core answers them: every member or account after a cursor in id order, whatever
 * order they were opened in; a page that costs at most its budget and goes on from its cursor; the breach filter
 * saying what reconciliation says.
 */
class ListingsTest {
    private static final MemberQuery ANY = new MemberQuery(null, null);

    private final LedgerFixture f = new LedgerFixture();

    /** Every member id after {@code after}, page by page: the ids the pages gave, in order. */
    private List<String> everyPage(String after, int limit, int budget, MemberQuery query) {
        List<String> ids = new ArrayList<>();
        String next = after;
        do {
            Page<MemberView> page = f.ledger.members(next, limit, budget, query);
            assertTrue(page.items().size() <= limit);
            for (MemberView m : page.items()) ids.add(m.id());
            next = page.next();
        } while (next != null);
        return ids;
    }

    @Test
    void membersOpenedInAnyOrderComeInIdOrderAfterAnyCursor() {
        for (long seed = 1; seed <= 3; seed++) {
            LedgerFixture fresh = new LedgerFixture();
            Random random = new Random(seed);
            NavigableSet<String> ids = new TreeSet<>();
            // Enough members for the order's blocks to split many times.
            while (ids.size() < 3 * IdOrder.BLOCK + 17) {
                String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                if (ids.add(id)) fresh.member(id, MemberKind.CITIZEN);
            }
            List<String> cursors = new ArrayList<>(List.of("0", "zzzzzzzzzzzzzz", ids.first(), ids.last()));
            for (int i = 0; i < 20; i++) cursors.add(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
            Page<MemberView> all = fresh.ledger.members(null, ids.size(), ids.size(), ANY);
            assertEquals(new ArrayList<>(ids), all.items().stream().map(MemberView::id).toList(), "seed " + seed);
            assertNull(all.next(), "seed " + seed);
            for (String cursor : cursors) {
                List<String> paged = new ArrayList<>();
                String next = cursor;
                do {
                    Page<MemberView> page = fresh.ledger.members(next, 37, 10_000, ANY);
                    for (MemberView m : page.items()) paged.add(m.id());
                    next = page.next();
                } while (next != null);
                assertEquals(new ArrayList<>(ids.tailSet(cursor, false)), paged, "seed " + seed + " after " + cursor);
            }
        }
    }

    @Test
    void aPageCostsAtMostItsBudgetAndTheSearchGoesOnFromItsCursor() {
        for (int i = 0; i < 1_000; i++) f.member(String.format("m%04d", i), MemberKind.CITIZEN);
        f.ledger.apply(new RenameMember("m0123", "Boulangerie Aiguille"));
        f.ledger.apply(new RenameMember("m0777", "AIGUILLE & fils"));
        MemberQuery needle = new MemberQuery("aiguille", null);

        Page<MemberView> first = f.ledger.members(null, 50, 100, needle);
        assertEquals(List.of(), first.items(), "none among the first hundred examined");
        assertEquals("m0099", first.next(), "the search goes on after the last member examined");
        assertEquals(List.of("m0123", "m0777"), everyPage(null, 50, 100, needle));
        assertEquals(List.of("m0777"), everyPage("m0123", 1, 100, needle));
        assertEquals(List.of("m0123", "m0777"), everyPage(null, 1, 1_000_000, new MemberQuery("m0", null)).stream()
                .filter(id -> id.equals("m0123") || id.equals("m0777")).toList());
        assertEquals(List.of(), everyPage(null, 50, 1_000, new MemberQuery("aiguille", MemberKind.BUSINESS)));
    }

    @Test
    void aFullPageNamesItsLastMemberAsTheCursorAndTheLastPageNone() {
        for (String id : List.of("c", "a", "b")) f.member(id, MemberKind.CITIZEN);
        Page<MemberView> page = f.ledger.members(null, 2, 100, ANY);
        assertEquals(List.of("a", "b"), page.items().stream().map(MemberView::id).toList());
        assertEquals("b", page.next());
        Page<MemberView> last = f.ledger.members("b", 2, 100, ANY);
        assertEquals(List.of("c"), last.items().stream().map(MemberView::id).toList());
        assertNull(last.next());
    }

    @Test
    void aMembersAccountsAreFilteredInIdOrder() {
        f.business("shop");
        f.account("mlc:shop.b", "shop", "MLC");
        f.account("mlc:shop.a", "shop", "MLC");
        f.citizen("claire");
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mlc:shop.a", null, null, AccountStatus.FROZEN)));

        assertEquals(List.of("mie:shop", "mlc:shop", "mlc:shop.a", "mlc:shop.b"), accounts(null,
                new AccountQuery("shop", null, null, null)));
        assertEquals(List.of("mlc:shop.a", "mlc:shop.b"), accounts("mlc:shop", new AccountQuery("shop", "MLC", null,
                null)));
        assertEquals(List.of("mlc:shop.a"), accounts(null, new AccountQuery("shop", null, AccountStatus.FROZEN,
                null)));
        assertEquals(List.of(), accounts(null, new AccountQuery("nobody", null, null, null)));
        assertEquals(List.of(), accounts(null, new AccountQuery(null, "XYZ", null, null)));
        // Across members, system accounts included; the frozen one left out.
        assertEquals(List.of("mlc:fees", "mlc:issuance", "mlc:shop", "mlc:shop.b"), accounts("mlc:conversion",
                new AccountQuery(null, "MLC", AccountStatus.ACTIVE, null)));
        assertEquals(List.of("mlc:shop", "mlc:shop.a", "mlc:shop.b"), f.ledger.member("shop").accountIds().stream()
                .filter(id -> id.startsWith("mlc:")).sorted().toList());
    }

    @Test
    void aLedgerReadFromASnapshotListsAndFindsAccountsAsTheOneWrittenDid() {
        for (String id : List.of("zoe", "adam", "marc")) f.citizen(id);
        f.account("mlc:adam.2", "adam", "MLC");
        Ledger restored = LedgerSnapshot.read(LedgerFixture.CONFIG, (hi, lo) -> null, LedgerSnapshot.write(f.ledger));
        assertEquals(List.of("mlc:adam", "mlc:adam.2"), restored.member("adam").accountIds());
        assertEquals(List.of("adam", "marc", "zoe"), restored.members(null, 10, 100, ANY).items().stream()
                .map(MemberView::id).toList());
        assertEquals(List.of("mlc:adam", "mlc:adam.2"), restored.accounts(null, 10, 100,
                new AccountQuery("adam", null, null, null), f.now).items().stream().map(AccountView::id).toList());
        assertEquals(f.ledger.accounts("mlc:a", 500, 10_000, new AccountQuery(null, null, null, null), f.now),
                restored.accounts("mlc:a", 500, 10_000, new AccountQuery(null, null, null, null), f.now));
    }

    @Test
    void theBreachFilterKeepsWhatReconciliationLists() {
        f.business("baker");
        f.business("shop");
        f.send("baker", "mie:baker", "mie:shop", 10_000);
        AccountQuery breaching = new AccountQuery(null, null, null, true);
        assertEquals(List.of(), accounts(null, breaching));

        f.advanceDays(366);
        Reconciliation books = f.ledger.reconciliation(f.now);
        assertEquals(List.of("mie:baker"), books.longNegativeAccounts());
        assertEquals(List.of("mie:baker"), f.ledger.accounts(null, 500, 10_000, breaching, f.now).items().stream()
                .map(AccountView::id).toList());
        List<String> others = f.ledger.accounts(null, 500, 10_000, new AccountQuery(null, "MIE", null, false), f.now)
                .items().stream().map(AccountView::id).toList();
        assertTrue(others.contains("mie:shop") && !others.contains("mie:baker"), others.toString());
    }

    private List<String> accounts(String after, AccountQuery query) {
        return f.ledger.accounts(after, 500, 10_000, query, f.now).items().stream().map(AccountView::id).toList();
    }
}
