package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Members and accounts: ids, who may hold what, default limits, limit changes, freezing and closing. */
class AccountsTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
    }

    // ---- members ----

    @Test
    void aMemberIsCreatedOnceWithItsKindAndName() {
        assertEquals(ResultCode.OK, f.apply(new CreateMember("dupont", "Boulangerie Dupont", MemberKind.BUSINESS)));

        MemberView m = f.ledger.member("dupont");
        assertEquals("dupont", m.id());
        assertEquals("Boulangerie Dupont", m.name());
        assertEquals(MemberKind.BUSINESS, m.kind());
        assertEquals(List.of(), m.accountIds());
        assertEquals(1, f.ledger.memberCount());
        assertNull(f.ledger.member("nobody"));

        assertEquals(ResultCode.EXISTS,
                f.apply(new CreateMember("dupont", "Boulangerie Dupont", MemberKind.BUSINESS)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreateMember("dupont", "Boulangerie Durand", MemberKind.BUSINESS)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreateMember("dupont", "Boulangerie Dupont", MemberKind.ASSOCIATION)));
        assertEquals(MemberKind.BUSINESS, f.ledger.member("dupont").kind());
        assertEquals(1, f.ledger.memberCount());
    }

    @Test
    void memberIdsFollowTheIdSyntax() {
        String longest = "a".repeat(AccountIds.MAX_LENGTH);
        assertEquals(ResultCode.OK, f.apply(new CreateMember(longest, "x", MemberKind.CITIZEN)));
        assertEquals(ResultCode.OK, f.apply(new CreateMember("0a:b.c_d-e", "x", MemberKind.CITIZEN)));
        for (String bad : new String[] {"", "Dupont", "-dupont", ":x", "du pont", "dupont!", "é", longest + "a"}) {
            assertEquals(ResultCode.INVALID_ID, f.apply(new CreateMember(bad, "x", MemberKind.CITIZEN)), bad);
        }
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateMember(null, "x", MemberKind.CITIZEN)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateMember("noname", null, MemberKind.CITIZEN)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateMember("nokind", "x", null)));
        assertEquals(2, f.ledger.memberCount());
    }

    // ---- accounts ----

    @Test
    void anAccountStartsEmptyAndActive() {
        f.member("dupont", MemberKind.BUSINESS);
        assertEquals(ResultCode.OK, f.apply(new CreateAccount("mie:dupont", "dupont", "MIE", null, null)));

        AccountView a = f.view("mie:dupont");
        assertEquals("mie:dupont", a.id());
        assertEquals("dupont", a.memberId());
        assertEquals("MIE", a.currency());
        assertEquals(0, a.balance());
        assertEquals(0, a.debitsPosted() + a.creditsPosted() + a.debitsPending() + a.creditsPending());
        assertEquals(AccountStatus.ACTIVE, a.status());
        assertNull(a.negativeSinceMs());
        assertEquals(List.of("mie:dupont"), f.ledger.member("dupont").accountIds());
    }

    @Test
    void defaultLimitsComeFromTheCurrencyPolicyPerMemberKind() {
        f.member("biz", MemberKind.BUSINESS);
        f.member("asso", MemberKind.ASSOCIATION);
        f.member("city", MemberKind.PUBLIC_BODY);
        f.member("claire", MemberKind.CITIZEN);
        f.account("mie:biz", "biz", "MIE");
        f.account("mlc:biz", "biz", "MLC");
        f.account("mie:asso", "asso", "MIE");
        f.account("mie:city", "city", "MIE");
        f.account("mlc:claire", "claire", "MLC");

        assertLimits("mie:biz", -100_000, 500_000);
        assertLimits("mlc:biz", 0, Limits.NO_CEILING);
        assertLimits("mie:asso", 0, Limits.NO_CEILING);
        assertLimits("mie:city", 0, Limits.NO_CEILING);
        assertLimits("mlc:claire", 0, Limits.NO_CEILING);
    }

    @Test
    void limitsGivenAtCreationReplaceTheDefaults() {
        f.member("biz", MemberKind.BUSINESS);
        f.account("mie:biz", "biz", "MIE", -250_000L, null);
        f.account("mie:biz-2", "biz", "MIE", null, 1_000L);
        f.account("mie:biz-3", "biz", "MIE", Limits.NO_FLOOR, Limits.NO_CEILING);
        assertLimits("mie:biz", -250_000, 500_000);
        assertLimits("mie:biz-2", -100_000, 1_000);
        assertLimits("mie:biz-3", Limits.NO_FLOOR, Limits.NO_CEILING);
        assertEquals(ResultCode.INVALID_LIMITS, f.apply(new CreateAccount("mie:biz-4", "biz", "MIE", 1L, null)),
                "a new account starts at zero: its floor must admit zero");
        assertEquals(ResultCode.INVALID_LIMITS, f.apply(new CreateAccount("mie:biz-4", "biz", "MIE", null, -1L)));
        assertNull(f.view("mie:biz-4"));
    }

    private void assertLimits(String account, long floor, long ceiling) {
        AccountView a = f.view(account);
        assertEquals(floor, a.floor(), account + " floor");
        assertEquals(ceiling, a.ceiling(), account + " ceiling");
    }

    @Test
    void whoMayHoldWhichCurrency() {
        f.member("claire", MemberKind.CITIZEN);
        f.member("biz", MemberKind.BUSINESS);
        f.member("asso", MemberKind.ASSOCIATION);
        f.member("city", MemberKind.PUBLIC_BODY);

        assertEquals(ResultCode.NOT_PERMITTED, f.apply(new CreateAccount("mie:claire", "claire", "MIE", null, null)),
                "MIE is between businesses, the association and public bodies");
        assertEquals(ResultCode.OK, f.apply(new CreateAccount("mlc:claire", "claire", "MLC", null, null)));
        for (String m : new String[] {"claire", "biz", "asso", "city"}) {
            assertEquals(ResultCode.NOT_PERMITTED, f.apply(new CreateAccount("eur:" + m, m, "EUR", null, null)),
                    "the euro is held by no member: " + m);
        }
        for (String m : new String[] {"biz", "asso", "city"}) {
            assertEquals(ResultCode.OK, f.apply(new CreateAccount("mie:" + m, m, "MIE", null, null)), m);
            assertEquals(ResultCode.OK, f.apply(new CreateAccount("mlc:" + m, m, "MLC", null, null)), m);
        }
        assertNull(f.view("mie:claire"));
        assertNull(f.view("eur:biz"));
    }

    @Test
    void anAccountNeedsAValidIdAKnownMemberAndAKnownCurrency() {
        f.member("biz", MemberKind.BUSINESS);
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateAccount("MIE:biz", "biz", "MIE", null, null)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateAccount("mie biz", "biz", "MIE", null, null)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateAccount("", "biz", "MIE", null, null)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateAccount(null, "biz", "MIE", null, null)));
        assertEquals(ResultCode.INVALID_ID, f.apply(new CreateAccount("m".repeat(65), "biz", "MIE", null, null)));
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new CreateAccount("mie:ghost", "ghost", "MIE", null, null)));
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new CreateAccount("mie:ghost", null, "MIE", null, null)));
        assertEquals(ResultCode.UNKNOWN_CURRENCY, f.apply(new CreateAccount("xyz:biz", "biz", "XYZ", null, null)));
        assertEquals(ResultCode.UNKNOWN_CURRENCY, f.apply(new CreateAccount("mie:biz", "biz", "mie", null, null)));
        assertEquals(7, f.ledger.accountCount(), "only the seven system accounts");
    }

    @Test
    void anAccountIdIsTakenOnce() {
        f.member("biz", MemberKind.BUSINESS);
        f.member("other", MemberKind.BUSINESS);
        f.account("mie:biz", "biz", "MIE");

        assertEquals(ResultCode.EXISTS, f.apply(new CreateAccount("mie:biz", "biz", "MIE", null, null)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreateAccount("mie:biz", "other", "MIE", null, null)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreateAccount("mie:biz", "biz", "MLC", null, null)));
        assertEquals(ResultCode.EXISTS_WITH_DIFFERENT_FIELDS,
                f.apply(new CreateAccount("mlc:issuance", "biz", "MLC", null, null)), "a system account's id");
        assertEquals("biz", f.view("mie:biz").memberId());
        assertEquals("MIE", f.view("mie:biz").currency());
        assertNull(f.view("mlc:issuance").memberId());
    }

    // ---- limit changes ----

    @Test
    void theBackOfficeChangesLimits() {
        f.business("biz");
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", -300_000L, 800_000L, null)));
        assertLimits("mie:biz", -300_000, 800_000);
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, Limits.NO_CEILING, null)));
        assertLimits("mie:biz", -300_000, Limits.NO_CEILING);
        assertEquals(ResultCode.INVALID_LIMITS, f.apply(new ChangeAccount("mie:biz", 1L, null, null)));
        assertEquals(ResultCode.INVALID_LIMITS, f.apply(new ChangeAccount("mie:biz", null, -1L, null)));
        assertLimits("mie:biz", -300_000, Limits.NO_CEILING);
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, f.apply(new ChangeAccount("mie:ghost", -1L, null, null)));
    }

    @Test
    void aFloorThatTheBalanceAlreadyBreachesIsRefused() {
        f.business("biz");
        f.business("other");
        f.send("biz", "mie:biz", "mie:other", 50_000);

        assertEquals(ResultCode.EXCEEDS_FLOOR, f.apply(new ChangeAccount("mie:biz", -40_000L, null, null)));
        assertLimits("mie:biz", -100_000, 500_000);
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", -50_000L, null, null)));
        assertLimits("mie:biz", -50_000, 500_000);
    }

    @Test
    void aFloorChangeCountsPendingDebits() {
        f.business("biz");
        f.business("other");
        f.hold("biz", "mie:biz", "mie:other", 30_000, 600);
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.apply(new ChangeAccount("mie:biz", -29_999L, null, null)));
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", -30_000L, null, null)));
    }

    @Test
    void aCeilingThatTheBalanceAlreadyBreachesIsRefused() {
        f.business("biz");
        f.business("other");
        f.send("other", "mie:other", "mie:biz", 30_000);
        f.hold("other", "mie:other", "mie:biz", 5_000, 600);

        assertEquals(ResultCode.EXCEEDS_CEILING, f.apply(new ChangeAccount("mie:biz", null, 20_000L, null)));
        assertEquals(ResultCode.EXCEEDS_CEILING, f.apply(new ChangeAccount("mie:biz", null, 34_999L, null)),
                "pending credits count");
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, 35_000L, null)));
        assertLimits("mie:biz", -100_000, 35_000);
    }

    @Test
    void systemAccountsCannotBeChanged() {
        for (String id : new String[] {"eur:reserve", "eur:world", "mlc:issuance", "mlc:fees", "mie:conversion"}) {
            assertEquals(ResultCode.NOT_PERMITTED, f.apply(new ChangeAccount(id, null, null, AccountStatus.FROZEN)), id);
            assertEquals(ResultCode.NOT_PERMITTED, f.apply(new ChangeAccount(id, -5L, null, null)), id);
            assertEquals(AccountStatus.ACTIVE, f.view(id).status());
        }
        assertLimits("eur:reserve", 0, Limits.NO_CEILING);
    }

    // ---- freeze and close ----

    @Test
    void anAccountIsFrozenAndUnfrozen() {
        f.business("biz");
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.FROZEN)));
        assertEquals(AccountStatus.FROZEN, f.view("mie:biz").status());
        assertLimits("mie:biz", -100_000, 500_000);
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.ACTIVE)));
        assertEquals(AccountStatus.ACTIVE, f.view("mie:biz").status());
    }

    @Test
    void anAccountClosesOnlyAtZero() {
        f.business("biz");
        f.business("other");
        f.send("biz", "mie:biz", "mie:other", 100);

        assertEquals(ResultCode.ACCOUNT_NOT_EMPTY, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.CLOSED)));
        assertEquals(ResultCode.ACCOUNT_NOT_EMPTY,
                f.apply(new ChangeAccount("mie:other", null, null, AccountStatus.CLOSED)));
        f.send("other", "mie:other", "mie:biz", 100);
        TransferRequest hold = f.hold("other", "mie:other", "mie:biz", 10, 600);
        assertEquals(ResultCode.ACCOUNT_NOT_EMPTY, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.CLOSED)),
                "a pending credit is not zero");
        assertEquals(ResultCode.ACCOUNT_NOT_EMPTY,
                f.apply(new ChangeAccount("mie:other", null, null, AccountStatus.CLOSED)), "nor a pending debit");
        f.voiding("biz", hold);

        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.CLOSED)));
        assertEquals(AccountStatus.CLOSED, f.view("mie:biz").status());
    }

    @Test
    void aClosedAccountNeverReopensNorChanges() {
        f.business("biz");
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.CLOSED)));

        assertEquals(ResultCode.ACCOUNT_CLOSED, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.ACTIVE)));
        assertEquals(ResultCode.ACCOUNT_CLOSED, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.FROZEN)));
        assertEquals(ResultCode.ACCOUNT_CLOSED, f.apply(new ChangeAccount("mie:biz", -5L, null, null)));
        assertEquals(AccountStatus.CLOSED, f.view("mie:biz").status());
        assertEquals(ResultCode.EXISTS, f.apply(new CreateAccount("mie:biz", "biz", "MIE", null, null)),
                "its id stays taken");
        assertEquals(AccountStatus.CLOSED, f.view("mie:biz").status());
    }

    @Test
    void aFrozenAccountAtZeroMayBeClosed() {
        f.business("biz");
        f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.FROZEN));
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:biz", null, null, AccountStatus.CLOSED)));
        assertEquals(AccountStatus.CLOSED, f.view("mie:biz").status());
    }
}
