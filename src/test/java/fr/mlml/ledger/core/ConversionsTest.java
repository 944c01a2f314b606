package fr.mlml.ledger.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The conversions of DESIGN.md §3: issuance, reconversion, MLC↔MIE; fees, caps, pools and who may convert. */
class ConversionsTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.business("shop");
        f.business("other");
        f.citizen("claire");
    }

    private Convert reconvert(UUID id, String actor, String from, long amount) {
        return new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), actor, from, null, "EUR", amount,
                null);
    }

    private Convert reconversion(String actor, String from, long amount) {
        Convert c = reconvert(f.newId(), actor, from, amount);
        f.apply(c);
        return c;
    }

    private Convert conversion(String actor, String from, String to, long amount) {
        UUID id = f.newId();
        Convert c = new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), actor, from, to, null,
                amount, "ref");
        f.apply(c);
        return c;
    }

    private TransferRecord leg(UUID group, int n) {
        long[] id = GroupIds.leg(group.getMostSignificantBits(), group.getLeastSignificantBits(), n);
        return f.ledger.transfer(id[0], id[1]);
    }

    private static UUID idOf(Convert c) {
        return new UUID(c.idHi, c.idLo);
    }

    private void assertLeg(TransferRecord leg, String debit, String credit, long amount) {
        assertEquals(TransferKind.LEG, leg.kind());
        assertEquals(TransferStatus.POSTED, leg.status());
        assertEquals(debit, leg.debitAccount());
        assertEquals(credit, leg.creditAccount());
        assertEquals(amount, leg.amount());
    }

    private void assertBacked() {
        assertEquals(-f.balance("mlc:issuance"), f.balance("eur:reserve"));
    }

    // ---- EUR → MLC ----

    @Test
    void issuanceBooksTheEurosAndIssuesTheSameMlc() {
        UUID id = f.newId();
        Issue issue = new Issue(id.getMostSignificantBits(), id.getLeastSignificantBits(), "mlc:claire", 10_000,
                "office 1");

        assertEquals(ResultCode.OK, f.apply(issue));

        assertEquals(TransferStatus.POSTED, issue.outcome().status());
        assertEquals(2, issue.outcome().legCount());
        assertEquals(0, issue.outcome().fee());
        assertEquals(-10_000, f.balance("eur:world"));
        assertEquals(10_000, f.balance("eur:reserve"));
        assertEquals(-10_000, f.balance("mlc:issuance"));
        assertEquals(10_000, f.balance("mlc:claire"));
        assertLeg(leg(id, 0), "eur:world", "eur:reserve", 10_000);
        assertLeg(leg(id, 1), "mlc:issuance", "mlc:claire", 10_000);
        assertNull(leg(id, 2));
        TransferRecord group = f.record(id);
        assertEquals(TransferKind.ISSUANCE, group.kind());
        assertEquals("mlc:claire", group.creditAccount());
        assertEquals("office 1", group.memo());
    }

    @Test
    void issuanceGoesOnlyToAMemberAccountOfTheEuroBackedCurrency() {
        UUID a = f.newId();
        UUID b = f.newId();
        UUID c = f.newId();
        UUID d = f.newId();
        assertEquals(ResultCode.CURRENCY_MISMATCH, f.apply(new Issue(a.getMostSignificantBits(),
                a.getLeastSignificantBits(), "mie:shop", 100, null)));
        assertEquals(ResultCode.NOT_PERMITTED, f.apply(new Issue(b.getMostSignificantBits(),
                b.getLeastSignificantBits(), "mlc:fees", 100, null)));
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, f.apply(new Issue(c.getMostSignificantBits(),
                c.getLeastSignificantBits(), "mlc:ghost", 100, null)));
        assertEquals(ResultCode.INVALID_AMOUNT, f.apply(new Issue(d.getMostSignificantBits(),
                d.getLeastSignificantBits(), "mlc:claire", 0, null)));
        assertEquals(0, f.balance("eur:reserve"));
        assertEquals(0, f.balance("mlc:issuance"));
    }

    @Test
    void issuanceIntoAFrozenAccountIsRefusedWhole() {
        f.apply(new ChangeAccount("mlc:claire", null, null, AccountStatus.FROZEN));
        UUID id = f.newId();
        assertEquals(ResultCode.ACCOUNT_FROZEN, f.apply(new Issue(id.getMostSignificantBits(),
                id.getLeastSignificantBits(), "mlc:claire", 100, null)));
        assertEquals(0, f.balance("eur:reserve"), "the euro leg is taken back");
        assertEquals(0, f.balance("eur:world"));
        assertNull(leg(id, 0));
    }

    // ---- MLC → EUR ----

    @Test
    void reconversionPaysOutTheEurosLessTheFee() {
        f.issue("mlc:shop", 10_000);

        Convert c = reconversion("shop", "mlc:shop", 1_999);

        assertEquals(ResultCode.OK, c.result());
        assertEquals(100, c.outcome().fee(), "5% of 19.99 is 0.9995, rounded up to 1.00");
        assertEquals(3, c.outcome().legCount());
        assertEquals(8_001, f.balance("mlc:shop"));
        assertEquals(100, f.balance("mlc:fees"));
        assertEquals(-10_000 + 1_899, f.balance("mlc:issuance"));
        assertEquals(10_000 - 1_899, f.balance("eur:reserve"));
        assertEquals(-10_000 + 1_899, f.balance("eur:world"));
        assertLeg(leg(idOf(c), 0), "mlc:shop", "mlc:issuance", 1_899);
        assertLeg(leg(idOf(c), 1), "mlc:shop", "mlc:fees", 100);
        assertLeg(leg(idOf(c), 2), "eur:reserve", "eur:world", 1_899);
        TransferRecord group = f.record(idOf(c));
        assertEquals(TransferKind.RECONVERSION, group.kind());
        assertEquals(1_999, group.amount());
        assertEquals(100, group.fee());
        assertNull(group.creditAccount());
        assertBacked();
    }

    @Test
    void feesRoundUpInTheAssociationsFavour() {
        f.issue("mlc:shop", 100_000);
        long[][] grossAndFee = {{1_999, 100}, {2_000, 100}, {2_001, 101}, {20, 1}, {21, 2}, {40, 2}};
        long fees = 0;
        for (long[] gf : grossAndFee) {
            Convert c = reconversion("shop", "mlc:shop", gf[0]);
            assertEquals(ResultCode.OK, c.result(), "gross " + gf[0]);
            assertEquals(gf[1], c.outcome().fee(), "gross " + gf[0]);
            fees += gf[1];
        }
        assertEquals(fees, f.balance("mlc:fees"));
        assertBacked();
    }

    @Test
    void aReconversionWhoseFeeLeavesNothingIsRefused() {
        f.issue("mlc:shop", 100);
        Convert c = reconversion("shop", "mlc:shop", 1);
        assertEquals(ResultCode.INVALID_AMOUNT, c.result(), "the fee on one cent is one cent");
        assertEquals(100, f.balance("mlc:shop"));
        assertEquals(0, f.balance("mlc:fees"));
    }

    @Test
    void reconversionKeepsMlcFullyBacked() {
        f.issue("mlc:shop", 123_456);
        f.issue("mlc:other", 50_000);
        f.issue("mlc:claire", 7_777);
        reconversion("shop", "mlc:shop", 23_456);
        reconversion("other", "mlc:other", 49_999);
        f.send("claire", "mlc:claire", "mlc:shop", 7_000);
        reconversion("shop", "mlc:shop", 107_000);

        assertBacked();
        Reconciliation.CurrencyTotals mlc = f.ledger.reconciliation(f.now).currencies().stream()
                .filter(t -> t.currency().equals("MLC")).findFirst().orElseThrow();
        assertEquals(mlc.outstanding(), mlc.reserve());
        assertEquals("1", mlc.backingRatio());
        assertEquals(-f.balance("mlc:issuance"), f.balance("mlc:shop") + f.balance("mlc:other")
                + f.balance("mlc:claire") + f.balance("mlc:fees"), "MLC in circulation is what members and fees hold");
    }

    @Test
    void aReconversionBeyondTheBalanceMovesNothing() {
        f.issue("mlc:shop", 1_000);
        byte[] before = f.ledger.moneyDigest();
        Convert c = reconversion("shop", "mlc:shop", 1_001);
        assertEquals(ResultCode.EXCEEDS_FLOOR, c.result());
        assertEquals(TransferStatus.REJECTED, c.outcome().status());
        assertEquals(0, c.outcome().legCount());
        assertArrayEquals(before, f.ledger.moneyDigest());
    }

    // ---- MLC ↔ MIE ----

    @Test
    void mlcToMieMovesMlcIntoThePoolAndCreatesMie() {
        f.issue("mlc:shop", 10_000);

        Convert c = conversion("shop", "mlc:shop", "mie:shop", 3_000);

        assertEquals(ResultCode.OK, c.result());
        assertEquals(0, c.outcome().fee());
        assertEquals(2, c.outcome().legCount());
        assertEquals(7_000, f.balance("mlc:shop"));
        assertEquals(3_000, f.balance("mlc:conversion"));
        assertEquals(-3_000, f.balance("mie:conversion"));
        assertEquals(3_000, f.balance("mie:shop"));
        assertLeg(leg(idOf(c), 0), "mlc:shop", "mlc:conversion", 3_000);
        assertLeg(leg(idOf(c), 1), "mie:conversion", "mie:shop", 3_000);
        TransferRecord group = f.record(idOf(c));
        assertEquals(TransferKind.CONVERSION, group.kind());
        assertEquals("mlc:shop", group.debitAccount());
        assertEquals("mie:shop", group.creditAccount());
        assertBacked();
    }

    @Test
    void mieToMlcPaysOutOfThePoolAndNeverMoreThanItHolds() {
        f.issue("mlc:shop", 10_000);
        conversion("shop", "mlc:shop", "mie:shop", 3_000);

        Convert back = conversion("shop", "mie:shop", "mlc:shop", 2_000);

        assertEquals(ResultCode.OK, back.result());
        assertLeg(leg(idOf(back), 0), "mie:shop", "mie:conversion", 2_000);
        assertLeg(leg(idOf(back), 1), "mlc:conversion", "mlc:shop", 2_000);
        assertEquals(1_000, f.balance("mie:shop"));
        assertEquals(-1_000, f.balance("mie:conversion"));
        assertEquals(1_000, f.balance("mlc:conversion"));
        assertEquals(9_000, f.balance("mlc:shop"));

        Convert tooMuch = conversion("shop", "mie:shop", "mlc:shop", 1_001);
        assertEquals(ResultCode.CONVERSION_POOL_INSUFFICIENT, tooMuch.result(),
                "the business could spend 1,001 MIE on its credit line, but the pool holds only 1,000 MLC");
        assertEquals(1_000, f.balance("mlc:conversion"));
        assertEquals(ResultCode.OK, conversion("shop", "mie:shop", "mlc:shop", 1_000).result());
        assertEquals(0, f.balance("mlc:conversion"));
        assertEquals(0, f.balance("mie:conversion"));
        assertBacked();
    }

    @Test
    void mieEarnedInTradeConvertsOnlyAgainstMlcInThePool() {
        f.send("other", "mie:other", "mie:shop", 50_000);
        assertEquals(ResultCode.CONVERSION_POOL_INSUFFICIENT, conversion("shop", "mie:shop", "mlc:shop", 1).result());
        f.issue("mlc:other", 20_000);
        conversion("other", "mlc:other", "mie:other", 20_000);
        assertEquals(ResultCode.OK, conversion("shop", "mie:shop", "mlc:shop", 20_000).result());
        assertEquals(20_000, f.balance("mlc:shop"));
        assertBacked();
    }

    @Test
    void aLegThatFailsTakesBackTheLegsBeforeIt() {
        f.issue("mlc:shop", 600_000);
        byte[] before = f.ledger.moneyDigest();
        Convert c = conversion("shop", "mlc:shop", "mie:shop", 500_001);
        assertEquals(ResultCode.EXCEEDS_CEILING, c.result(), "the MIE account's ceiling is 500,000");
        assertEquals(600_000, f.balance("mlc:shop"));
        assertEquals(0, f.balance("mlc:conversion"));
        assertArrayEquals(before, f.ledger.moneyDigest());
        assertNull(leg(idOf(c), 0));
    }

    @Test
    void anIssuanceThatWouldOverflowIsRefused() {
        f.member("big", MemberKind.BUSINESS);
        f.account("mlc:big", "big", "MLC", null, null);
        f.issue("mlc:big", Long.MAX_VALUE);
        UUID id = f.newId();
        assertEquals(ResultCode.OVERFLOW, f.apply(new Issue(id.getMostSignificantBits(), id.getLeastSignificantBits(),
                "mlc:claire", 1, null)));
        assertEquals(Long.MAX_VALUE, f.balance("eur:reserve"));
        assertEquals(-Long.MAX_VALUE, f.balance("eur:world"));
        assertEquals(0, f.balance("mlc:claire"));
        assertBacked();
    }

    @Test
    void absurdAmountsAreRefusedBeforeTheFeeIsComputed() {
        assertEquals(ResultCode.INVALID_AMOUNT, reconversion("shop", "mlc:shop", Long.MAX_VALUE).result());
        assertEquals(ResultCode.INVALID_AMOUNT, reconversion("shop", "mlc:shop", -100).result());
    }

    @Test
    void aConversionAboveTheCurrencysMaximumIsRefusedLikeATransfer() {
        long max = LedgerFixture.CONFIG.currency("MLC").maxAmount();
        assertEquals(ResultCode.INVALID_AMOUNT, conversion("shop", "mlc:shop", "mie:shop", max + 1).result());
        assertEquals(ResultCode.INVALID_AMOUNT, reconversion("shop", "mlc:shop", max + 1).result());
        assertEquals(0, f.balance("mie:shop"));
    }

    // ---- caps ----

    @Test
    void capsHoldOverALongHistoryOfConversions() {
        f.issue("mlc:shop", 100_000);
        f.apply(new SetConversionCaps("shop", List.of(new CapOverride("MLC", "MIE", new ConversionPolicy.Cap(700, 7)))));
        for (int day = 0; day < 400; day++) {
            assertEquals(ResultCode.OK, conversion("shop", "mlc:shop", "mie:shop", 100).result(), "day " + day);
            if (day >= 6) {
                assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, conversion("shop", "mlc:shop", "mie:shop", 1).result(),
                        "day " + day);
            }
            f.advanceDays(1);
        }
        assertEquals(60_000, f.balance("mlc:shop"));
        assertEquals(40_000, f.balance("mie:shop"));
    }

    @Test
    void aCapLimitsWhatAMemberConvertsInAnyRollingWindow() {
        f.issue("mlc:shop", 2_000_000);
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 300_000).result());
        f.advanceDays(10);
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 200_000).result());
        f.advanceDays(10);
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 100).result(),
                "500,000 used in the last 30 days");

        f.advanceDays(10);
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 300_001).result());
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 300_000).result(),
                "30 days on, the first conversion has left the window");
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 100).result());
        f.advanceDays(10);
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 200_000).result(),
                "and now the second one too");
        assertBacked();
    }

    @Test
    void theWindowSlidesToTheMillisecond() {
        f.issue("mlc:shop", 2_000_000);
        reconversion("shop", "mlc:shop", 500_000);
        f.advanceMs(30 * LedgerFixture.DAY_MS - 1);
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 100).result());
        f.advanceMs(1);
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 500_000).result());
    }

    @Test
    void capsArePerMemberAndPerPair() {
        f.issue("mlc:shop", 2_000_000);
        f.issue("mlc:other", 600_000);
        reconversion("shop", "mlc:shop", 500_000);

        assertEquals(ResultCode.OK, reconversion("other", "mlc:other", 500_000).result());
        assertEquals(ResultCode.OK, conversion("shop", "mlc:shop", "mie:shop", 400_000).result(),
                "MLC→MIE has its own cap");
    }

    @Test
    void refusedConversionsUseNoCap() {
        f.issue("mlc:shop", 100_000);
        assertEquals(ResultCode.EXCEEDS_FLOOR, reconversion("shop", "mlc:shop", 500_000).result());
        f.issue("mlc:shop", 400_000);
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 500_000).result());
    }

    @Test
    void aMembersOwnCapReplacesTheDefault() {
        f.issue("mlc:shop", 100_000);
        f.issue("mlc:other", 100_000);
        CapOverride weekly = new CapOverride("MLC", "EUR", new ConversionPolicy.Cap(1_000, 7));
        assertEquals(ResultCode.OK, f.apply(new SetConversionCaps("shop", List.of(weekly))));
        assertEquals(List.of(weekly), f.ledger.member("shop").caps());

        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 1_001).result());
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 1_000).result());
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 20).result());
        assertEquals(ResultCode.OK, reconversion("other", "mlc:other", 50_000).result(), "others keep the default");
        assertEquals(ResultCode.OK, conversion("shop", "mlc:shop", "mie:shop", 50_000).result(),
                "pairs the override does not name keep the default");
        f.advanceDays(7);
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 1_000).result(), "a 7-day window");

        assertEquals(ResultCode.OK, f.apply(new SetConversionCaps("shop", List.of())));
        assertEquals(ResultCode.OK, reconversion("shop", "mlc:shop", 40_000).result(), "back to the default");
    }

    @Test
    void capOverridesNameAKnownMemberAndAConfiguredPair() {
        CapOverride eurToMlc = new CapOverride("EUR", "MLC", new ConversionPolicy.Cap(1_000, 7));
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, f.apply(new SetConversionCaps("shop", List.of(eurToMlc))));
        assertEquals(List.of(), f.ledger.member("shop").caps());
        CapOverride ok = new CapOverride("MLC", "EUR", new ConversionPolicy.Cap(1_000, 7));
        assertEquals(ResultCode.UNKNOWN_MEMBER, f.apply(new SetConversionCaps("ghost", List.of(ok))));
    }

    // ---- who may convert ----

    @Test
    void citizensDoNotConvert() {
        f.issue("mlc:claire", 10_000);
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, reconversion("claire", "mlc:claire", 1_000).result());
        assertEquals(10_000, f.balance("mlc:claire"));
    }

    @Test
    void associationsAndPublicBodiesDoNotConvertEither() {
        f.member("asso", MemberKind.ASSOCIATION);
        f.account("mlc:asso", "asso", "MLC");
        f.account("mie:asso", "asso", "MIE");
        f.issue("mlc:asso", 10_000);
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, reconversion("asso", "mlc:asso", 1_000).result());
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, conversion("asso", "mlc:asso", "mie:asso", 1_000).result());
    }

    @Test
    void aMemberConvertsOnlyBetweenItsOwnAccounts() {
        f.issue("mlc:shop", 10_000);
        assertEquals(ResultCode.NOT_PERMITTED, reconversion("other", "mlc:shop", 1_000).result());
        assertEquals(ResultCode.NOT_PERMITTED, conversion("shop", "mlc:shop", "mie:other", 1_000).result());
        assertEquals(ResultCode.NOT_PERMITTED, conversion("ghost", "mlc:shop", "mie:shop", 1_000).result());
        assertEquals(ResultCode.NOT_PERMITTED, reconversion("shop", "mlc:conversion", 1_000).result());
        assertEquals(10_000, f.balance("mlc:shop"));
    }

    @Test
    void onlyConfiguredPairsConvert() {
        f.issue("mlc:shop", 10_000);
        f.account("mlc:shop-2", "shop", "MLC");
        UUID id = f.newId();
        Convert noTarget = new Convert(id.getMostSignificantBits(), id.getLeastSignificantBits(), "shop", "mlc:shop",
                null, null, 100, null);
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, f.apply(noTarget));
        UUID id2 = f.newId();
        Convert toMieCurrency = new Convert(id2.getMostSignificantBits(), id2.getLeastSignificantBits(), "shop",
                "mlc:shop", null, "MIE", 100, null);
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, f.apply(toMieCurrency));
        UUID id3 = f.newId();
        Convert accountAndEuro = new Convert(id3.getMostSignificantBits(), id3.getLeastSignificantBits(), "shop",
                "mlc:shop", "mie:shop", "EUR", 100, null);
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, f.apply(accountAndEuro));
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, conversion("shop", "mlc:shop", "mlc:shop-2", 100).result());
        f.send("other", "mie:other", "mie:shop", 1_000);
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, reconversion("shop", "mie:shop", 100).result(),
                "MIE does not reconvert to euros");
        assertEquals(10_000, f.balance("mlc:shop"));
    }

    @Test
    void conversionChecksRunInTheDocumentedOrder() {
        assertEquals(ResultCode.INVALID_AMOUNT, conversion("ghost", "mlc:ghost", "mie:ghost", 0).result());
        UUID id = f.newId();
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, f.apply(new Convert(id.getMostSignificantBits(),
                id.getLeastSignificantBits(), "ghost", "mlc:ghost", null, "MIE", 100, null)));
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, conversion("ghost", "mlc:ghost", "mie:shop", 100).result());
        assertEquals(ResultCode.UNKNOWN_ACCOUNT, conversion("shop", "mlc:shop", "mie:ghost", 100).result());
        assertEquals(ResultCode.NOT_PERMITTED, reconversion("claire", "mlc:shop", 100).result());
        assertEquals(ResultCode.CONVERSION_NOT_ALLOWED, reconversion("claire", "mlc:claire", 1).result(),
                "kind before the fee");
        f.apply(new SetConversionCaps("shop", List.of(new CapOverride("MLC", "EUR", new ConversionPolicy.Cap(0, 1)))));
        assertEquals(ResultCode.INVALID_AMOUNT, reconversion("shop", "mlc:shop", 1).result(), "fee before the cap");
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, reconversion("shop", "mlc:shop", 100).result(),
                "cap before the legs");
        assertEquals(ResultCode.CONVERSION_CAP_EXCEEDED, conversion("shop", "mie:shop", "mlc:shop", 1_000_001).result(),
                "cap before the pool");
        assertEquals(ResultCode.CONVERSION_POOL_INSUFFICIENT, conversion("shop", "mie:shop", "mlc:shop", 200_000)
                .result(), "pool before the legs (the MIE account's floor would refuse it too)");
        assertEquals(ResultCode.EXCEEDS_FLOOR, conversion("shop", "mlc:shop", "mie:shop", 100).result(),
                "then each leg's own checks");
    }
}
