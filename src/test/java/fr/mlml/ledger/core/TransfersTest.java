package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static fr.mlml.ledger.core.LedgerFixture.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posted transfers between members: the rules every transfer obeys (DESIGN.md §2) and the order of their checks. */
class TransfersTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.business("alpha");
        f.business("beta");
        f.citizen("claire");
        f.issue("mlc:claire", 10_000);
    }

    @Test
    void aPostedTransferMovesTheAmountFromDebitToCredit() {
        TransferRequest t = f.send("alpha", "mie:alpha", "mie:beta", 30_000);

        assertEquals(ResultCode.OK, t.result());
        assertEquals(TransferStatus.POSTED, t.status());
        assertEquals(f.now, t.timestampMs());
        assertTrue(t.sequence() > 0);
        AccountView alpha = f.view("mie:alpha");
        assertEquals(-30_000, alpha.balance());
        assertEquals(30_000, alpha.debitsPosted());
        assertEquals(0, alpha.creditsPosted());
        AccountView beta = f.view("mie:beta");
        assertEquals(30_000, beta.balance());
        assertEquals(30_000, beta.creditsPosted());
        assertEquals(0, beta.debitsPending() + beta.creditsPending());

        TransferRecord r = f.record(t);
        assertEquals(TransferKind.TRANSFER, r.kind());
        assertEquals(TransferStatus.POSTED, r.status());
        assertEquals("mie:alpha", r.debitAccount());
        assertEquals("mie:beta", r.creditAccount());
        assertEquals("MIE", r.currency());
        assertEquals(30_000, r.amount());
        assertEquals(t.sequence(), r.sequence());
        assertEquals(t.sequence(), f.ledger.lastSequence());
    }

    @Test
    void sequencesFollowTheOrderOfTransfers() {
        TransferRequest first = f.send("alpha", "mie:alpha", "mie:beta", 1);
        TransferRequest second = f.send("beta", "mie:beta", "mie:alpha", 1);
        assertEquals(first.sequence() + 1, second.sequence());
    }

    @Test
    void aBusinessSpendsOnItsCreditLineDownToItsFloorAndNoFurther() {
        assertEquals(ResultCode.OK, f.send("alpha", "mie:alpha", "mie:beta", 100_000).result());
        assertEquals(-100_000, f.balance("mie:alpha"));

        TransferRequest beyond = f.send("alpha", "mie:alpha", "mie:beta", 1);

        assertEquals(ResultCode.EXCEEDS_FLOOR, beyond.result());
        assertEquals(TransferStatus.REJECTED, beyond.status());
        assertEquals(0, beyond.sequence());
        assertEquals(-100_000, f.balance("mie:alpha"));
        assertEquals(100_000, f.balance("mie:beta"));
    }

    @Test
    void aCitizenSpendsNoMoreMlcThanItHolds() {
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.send("claire", "mlc:claire", "mlc:beta", 10_001).result());
        assertEquals(ResultCode.OK, f.send("claire", "mlc:claire", "mlc:beta", 10_000).result());
        assertEquals(0, f.balance("mlc:claire"));
        assertEquals(10_000, f.balance("mlc:beta"));
    }

    @Test
    void aCreditBeyondTheCeilingIsRefused() {
        f.member("gamma", MemberKind.BUSINESS);
        f.account("mie:gamma", "gamma", "MIE", null, 1_000L);
        assertEquals(ResultCode.OK, f.send("alpha", "mie:alpha", "mie:gamma", 1_000).result());

        assertEquals(ResultCode.EXCEEDS_CEILING, f.send("alpha", "mie:alpha", "mie:gamma", 1).result());
        assertEquals(1_000, f.balance("mie:gamma"));
        assertEquals(-1_000, f.balance("mie:alpha"));
    }

    @Test
    void theDefaultMieCeilingOfABusinessHolds() {
        f.business("gamma");
        f.business("delta");
        f.business("epsilon");
        f.business("zeta");
        f.business("eta");
        for (String payer : new String[] {"alpha", "gamma", "delta", "epsilon", "zeta"}) {
            assertEquals(ResultCode.OK, f.send(payer, "mie:" + payer, "mie:beta", 100_000).result());
        }
        assertEquals(500_000, f.balance("mie:beta"));
        assertEquals(ResultCode.EXCEEDS_CEILING, f.send("eta", "mie:eta", "mie:beta", 1).result());
    }

    @Test
    void amountsMustBePositive() {
        assertEquals(ResultCode.INVALID_AMOUNT, f.send("alpha", "mie:alpha", "mie:beta", 0).result());
        assertEquals(ResultCode.INVALID_AMOUNT, f.send("alpha", "mie:alpha", "mie:beta", -5).result());
        assertEquals(0, f.balance("mie:alpha"));
    }

    @Test
    void aPendingTimeoutMustBeWithinRange() {
        TransferRequest negative = f.transfer("mie:alpha", "mie:beta", 10, -1);
        TransferRequest tooLong = f.transfer("mie:alpha", "mie:beta", 10, TransferRequest.MAX_PENDING_TIMEOUT_S + 1);
        TransferRequest longest = f.transfer("mie:alpha", "mie:beta", 10, TransferRequest.MAX_PENDING_TIMEOUT_S);
        f.submit("alpha", negative, tooLong, longest);

        assertEquals(ResultCode.INVALID_TIMEOUT, negative.result());
        assertEquals(ResultCode.INVALID_TIMEOUT, tooLong.result());
        assertEquals(ResultCode.OK, longest.result());
        assertEquals(TransferStatus.PENDING, longest.status());
    }

    @Test
    void aTransferNeedsTwoDifferentAccounts() {
        assertEquals(ResultCode.SAME_ACCOUNT, f.send("alpha", "mie:alpha", "mie:alpha", 10).result());
    }

    @Test
    void bothAccountsMustExist() {
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, f.send("alpha", "mie:alpha", "mie:nobody", 10).result());
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, f.send("alpha", "mie:nobody", "mie:beta", 10).result());
    }

    @Test
    void bothAccountsMustHoldTheTransfersCurrency() {
        assertEquals(ResultCode.CURRENCY_MISMATCH, f.send("alpha", "mie:alpha", "mlc:beta", 10).result());
        TransferRequest wrongCode = request(f.newId(), "mie:alpha", "mie:beta", 10, "MLC");
        TransferRequest unknownCode = request(f.newId(), "mie:alpha", "mie:beta", 10, "XYZ");
        f.submit("alpha", wrongCode, unknownCode);
        assertEquals(ResultCode.CURRENCY_MISMATCH, wrongCode.result());
        assertEquals(ResultCode.CURRENCY_MISMATCH, unknownCode.result());
        assertEquals(0, f.balance("mie:alpha"));
    }

    @Test
    void membersMoveOnlyTheirOwnMoneyAndNeverIntoASystemAccount() {
        assertEquals(ResultCode.NOT_PERMITTED, f.send("beta", "mie:alpha", "mie:beta", 10).result());
        assertEquals(ResultCode.NOT_PERMITTED, f.send("nobody", "mie:alpha", "mie:beta", 10).result());
        assertEquals(ResultCode.NOT_PERMITTED, f.send("claire", "mlc:claire", "mlc:issuance", 10).result());
        assertEquals(ResultCode.NOT_PERMITTED, f.send("claire", "mlc:claire", "mlc:fees", 10).result());
        assertEquals(ResultCode.NOT_PERMITTED, f.send("alpha", "mie:conversion", "mie:alpha", 10).result());
        assertEquals(10_000, f.balance("mlc:claire"));
        assertEquals(0, f.balance("mie:conversion"));
    }

    @Test
    void nothingMovesOnAFrozenAccountEitherWay() {
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:beta", null, null, AccountStatus.FROZEN)));
        assertEquals(ResultCode.ACCOUNT_FROZEN, f.send("alpha", "mie:alpha", "mie:beta", 10).result());
        assertEquals(ResultCode.ACCOUNT_FROZEN, f.send("beta", "mie:beta", "mie:alpha", 10).result());
        assertEquals(ResultCode.ACCOUNT_FROZEN,
                f.hold("alpha", "mie:alpha", "mie:beta", 10, 60).result(), "a hold moves money too");

        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:beta", null, null, AccountStatus.ACTIVE)));
        assertEquals(ResultCode.OK, f.send("alpha", "mie:alpha", "mie:beta", 10).result());
        assertEquals(10, f.balance("mie:beta"));
    }

    @Test
    void nothingMovesOnAClosedAccount() {
        assertEquals(ResultCode.OK, f.apply(new ChangeAccount("mie:beta", null, null, AccountStatus.CLOSED)));
        assertEquals(ResultCode.ACCOUNT_CLOSED, f.send("alpha", "mie:alpha", "mie:beta", 10).result());
        assertEquals(ResultCode.ACCOUNT_CLOSED, f.send("beta", "mie:beta", "mie:alpha", 10).result());
        assertEquals(0, f.balance("mie:alpha"));
    }

    @Test
    void amountsAboveTheCurrencysMaximumAreRefusedFirstSoNoTotalCanBeMadeToOverflow() {
        f.member("big", MemberKind.BUSINESS);
        f.account("mie:big", "big", "MIE", Limits.NO_FLOOR, Limits.NO_CEILING);
        f.account("mie:big2", "big", "MIE", Limits.NO_FLOOR, Limits.NO_CEILING);
        long max = f.ledger.config().currency("MIE").maxAmount();
        assertEquals(ResultCode.OK, f.send("big", "mie:big", "mie:big2", max).result());
        assertEquals(ResultCode.INVALID_AMOUNT, f.send("big", "mie:big", "mie:big2", max + 1).result());
        assertEquals(ResultCode.INVALID_AMOUNT, f.send("big", "mie:big", "mie:big2", Long.MAX_VALUE).result(),
                "the amount that would have overflowed a total is refused before any account is looked at");
        assertEquals(ResultCode.INVALID_AMOUNT, f.send("big", "mie:big", "mie:ghost", Long.MAX_VALUE).result());
        assertEquals(-max, f.balance("mie:big"));
        assertEquals(max, f.balance("mie:big2"));
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        f.apply(new ChangeAccount("mie:beta", null, null, AccountStatus.FROZEN));
        TransferRequest amountBeforeTimeout = f.transfer("mie:alpha", "mie:alpha", 0, -1);
        TransferRequest timeoutBeforeSame = f.transfer("mie:alpha", "mie:alpha", 10, -1);
        TransferRequest sameBeforeUnknown = request(f.newId(), "mie:nobody", "mie:nobody", 10, "MIE");
        TransferRequest unknownBeforeCurrency = request(f.newId(), "mie:alpha", "mlc:nobody", 10, "XYZ");
        TransferRequest currencyBeforePermission = request(f.newId(), "mie:beta", "mlc:alpha", 10, "MIE");
        TransferRequest permissionBeforeFrozen = request(f.newId(), "mie:beta", "mie:alpha", 10, "MIE");
        TransferRequest frozenBeforeFloor = request(f.newId(), "mie:alpha", "mie:beta", 1_000_000, "MIE");
        TransferRequest overFloor = request(f.newId(), "mlc:alpha", "mlc:beta", 10, "MLC");
        f.submit("alpha", amountBeforeTimeout, timeoutBeforeSame, sameBeforeUnknown, unknownBeforeCurrency,
                currencyBeforePermission, permissionBeforeFrozen, frozenBeforeFloor, overFloor);

        assertEquals(ResultCode.INVALID_AMOUNT, amountBeforeTimeout.result());
        assertEquals(ResultCode.INVALID_TIMEOUT, timeoutBeforeSame.result());
        assertEquals(ResultCode.SAME_ACCOUNT, sameBeforeUnknown.result());
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, unknownBeforeCurrency.result());
        assertEquals(ResultCode.CURRENCY_MISMATCH, currencyBeforePermission.result());
        assertEquals(ResultCode.NOT_PERMITTED, permissionBeforeFrozen.result());
        assertEquals(ResultCode.ACCOUNT_FROZEN, frozenBeforeFloor.result());
        assertEquals(ResultCode.EXCEEDS_FLOOR, overFloor.result());
    }

    @Test
    void floorIsCheckedBeforeCeiling() {
        f.member("gamma", MemberKind.BUSINESS);
        f.account("mie:gamma", "gamma", "MIE", null, 5L);
        assertEquals(ResultCode.EXCEEDS_FLOOR, f.send("alpha", "mie:alpha", "mie:gamma", 100_001).result());
    }

    @Test
    void transfersOfABatchThatIsNotAtomicStandAlone() {
        TransferRequest first = f.transfer("mlc:claire", "mlc:alpha", 4_000);
        TransferRequest tooMuch = f.transfer("mlc:claire", "mlc:alpha", 7_000);
        TransferRequest third = f.transfer("mlc:claire", "mlc:beta", 6_000);
        f.submit("claire", first, tooMuch, third);

        assertEquals(ResultCode.OK, first.result());
        assertEquals(ResultCode.EXCEEDS_FLOOR, tooMuch.result());
        assertEquals(ResultCode.OK, third.result());
        assertEquals(0, f.balance("mlc:claire"));
        assertEquals(4_000, f.balance("mlc:alpha"));
        assertEquals(6_000, f.balance("mlc:beta"));
    }

    @Test
    void aRejectedTransferChangesNoMoney() {
        byte[] before = f.ledger.moneyDigest();
        f.send("claire", "mlc:claire", "mlc:alpha", 20_000);
        f.send("alpha", "mie:alpha", "mie:beta", 200_000);
        f.send("beta", "mie:alpha", "mie:beta", 10);
        assertArrayEquals(before, f.ledger.moneyDigest());
    }

    @Test
    void aRejectedTransferIsRecordedWithItsCodeAndTheAccountsAsSent() {
        UUID id = f.newId();
        TransferRequest t = request(id, "mie:alpha", "mie:ghost", 10, "MIE");
        f.submit("alpha", t);
        TransferRecord r = f.record(id);
        assertEquals(TransferStatus.REJECTED, r.status());
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, r.code());
        assertEquals("mie:ghost", r.creditAccount());
        assertEquals(0, r.sequence());
    }

    @Test
    void timeDoesNotRunBack() {
        TransferRequest hold = f.hold("alpha", "mie:alpha", "mie:beta", 100, 60);
        long holdTime = f.now;
        f.advanceSeconds(-3_600);
        TransferRequest late = f.send("alpha", "mie:alpha", "mie:beta", 10);
        assertEquals(holdTime, late.timestampMs(), "a command stamped earlier applies at the ledger's time");
        assertEquals(TransferStatus.PENDING, f.record(hold).status());
        f.advanceSeconds(3_600 + 60);
        f.apply(new Tick());
        assertEquals(TransferStatus.EXPIRED, f.record(hold).status());
    }

    @Test
    void theSameCommandsGiveTheSameState() {
        LedgerFixture other = new LedgerFixture();
        for (LedgerFixture x : new LedgerFixture[] {f, other}) {
            if (x == other) {
                x.business("alpha");
                x.business("beta");
                x.citizen("claire");
                x.issue("mlc:claire", 10_000);
            }
            x.send("alpha", "mie:alpha", "mie:beta", 1_234);
            x.hold("claire", "mlc:claire", "mlc:beta", 500, 60);
            x.send("claire", "mlc:claire", "mlc:beta", 20_000);
        }
        assertArrayEquals(f.ledger.digest(), other.ledger.digest());
        byte[] money = other.ledger.moneyDigest();
        byte[] all = other.ledger.digest();
        other.send("claire", "mlc:claire", "mlc:beta", 20_000);
        assertArrayEquals(money, other.ledger.moneyDigest(), "a rejection moves no money");
        assertFalse(java.util.Arrays.equals(all, other.ledger.digest()), "but its id's outcome is state");
        other.send("alpha", "mie:alpha", "mie:beta", 1);
        assertFalse(java.util.Arrays.equals(money, other.ledger.moneyDigest()));
    }

    @Test
    void sumOfBalancesStaysZeroPerCurrency() {
        f.send("alpha", "mie:alpha", "mie:beta", 12_345);
        f.send("beta", "mie:beta", "mie:alpha", 345);
        f.send("claire", "mlc:claire", "mlc:alpha", 2_500);
        for (String currency : new String[] {"MIE", "MLC", "EUR"}) {
            long sum = 0;
            for (int a = 0; a < f.ledger.accountCount(); a++) {
                AccountView v = f.ledger.accountAt(a);
                if (v.currency().equals(currency)) sum += v.balance();
            }
            assertEquals(0, sum, currency);
        }
        assertNull(f.view("mie:beta").negativeSinceMs());
    }
}
