package fr.mlml.ledger.events;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.ChangeAccount;
import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Convert;
import fr.mlml.ledger.core.CreateAccount;
import fr.mlml.ledger.core.CreateMember;
import fr.mlml.ledger.core.CreatePaymentRequest;
import fr.mlml.ledger.core.Enroll;
import fr.mlml.ledger.core.Entry;
import fr.mlml.ledger.core.GroupIds;
import fr.mlml.ledger.core.GroupOutcome;
import fr.mlml.ledger.core.Issue;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.core.MemberView;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.RegisterSigningKey;
import fr.mlml.ledger.core.RenameMember;
import fr.mlml.ledger.core.ResolvePending;
import fr.mlml.ledger.core.ResultCode;
import fr.mlml.ledger.core.RevokeSigningKey;
import fr.mlml.ledger.core.RevokeToken;
import fr.mlml.ledger.core.SetConversionCaps;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.SubmitTransfers;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.core.TransferRecord;
import fr.mlml.ledger.core.TransferStatus;
import fr.mlml.ledger.engine.CommandWatcher;
import fr.mlml.ledger.journal.Journal;
import fr.mlml.ledger.journal.StoredEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns each command the engine applies into the events of DESIGN.md §9, from what it did: its entries, its result,
 * the ledger right after it. Nothing is taken from what was asked but not done. Numbers follow the journal's last
 * stored event, and the same commands give the same events, so a replay or a restart numbers them alike. Runs on
 * the engine thread; rendering the data waits for the journal's writer ({@link Event#data}).
 */
public final class EventDeriver implements CommandWatcher {
    private final EventViews views;
    private final EventFeed feed;
    private List<StoredEvent> batch = new ArrayList<>();
    private long lastSeq;

    public EventDeriver(EventViews views, EventFeed feed) {
        this.views = views;
        this.feed = feed;
    }

    @Override
    public void recovered(Journal journal) {
        lastSeq = journal.events().lastSeq();
        batch = new ArrayList<>();
        feed.recovered(journal, lastSeq);
    }

    @Override
    public void applied(Command command, Ledger ledger, List<Entry> entries) {
        long at = command.timestampMs();
        for (Entry e : entries) entry(command, e, ledger);
        for (PaymentRequestView p : ledger.takeExpiredPaymentRequests()) {
            add(EventType.PAYMENT_REQUEST_EXPIRED, at, requestAudience(p), () -> views.paymentRequest(p));
        }
        if (command.result() != ResultCode.OK) return;
        if (command instanceof CreateMember c) {
            member(EventType.MEMBER_CREATED, c.id, at, ledger);
        } else if (command instanceof RenameMember c) {
            member(EventType.MEMBER_CHANGED, c.id, at, ledger);
        } else if (command instanceof SetConversionCaps c) {
            member(EventType.MEMBER_CHANGED, c.memberId, at, ledger);
        } else if (command instanceof CreateAccount c) {
            account(EventType.ACCOUNT_CREATED, c.id, at, ledger);
        } else if (command instanceof ChangeAccount c) {
            account(EventType.ACCOUNT_CHANGED, c.id, at, ledger);
        } else if (command instanceof RegisterSigningKey c) {
            signingKey(EventType.SIGNING_KEY_REGISTERED, c.keyId, at, ledger);
        } else if (command instanceof RevokeSigningKey c) {
            signingKey(EventType.SIGNING_KEY_REVOKED, c.keyId, at, ledger);
        } else if (command instanceof Enroll c) {
            signingKey(EventType.SIGNING_KEY_REGISTERED, c.keyId, at, ledger);
        } else if (command instanceof RevokeToken c) {
            TokenView t = ledger.token(c.number);
            Audience audience = t.memberId() == null ? Audience.NOBODY
                    : new Audience(List.of(t.memberId()), List.of(), null);
            add(EventType.TOKEN_REVOKED, at, audience, () -> views.token(t, at));
        } else if (command instanceof CreatePaymentRequest c) {
            PaymentRequestView p = ledger.paymentRequest(c.actorMemberId, c.id, at);
            add(EventType.PAYMENT_REQUEST_CREATED, at, requestAudience(p), () -> views.paymentRequest(p));
        } else if (command instanceof Convert c) {
            group(EventType.CONVERSION_CREATED, c.idHi, c.idLo, c.outcome(), null, at, ledger);
        } else if (command instanceof Issue c) {
            group(EventType.ISSUANCE_CREATED, c.idHi, c.idLo, c.outcome(), c.issuedBy(), at, ledger);
        }
    }

    /**
     * An entry is a transfer's creation (from a submission), its resolution (post or void) or its expiry; a
     * conversion's or issuance's legs are told by the group's own event. A transfer that pays a request pays it.
     */
    private void entry(Command command, Entry e, Ledger ledger) {
        EventType type;
        if (e.status() == TransferStatus.EXPIRED) {
            type = EventType.TRANSFER_EXPIRED;
        } else if (command instanceof ResolvePending) {
            type = e.status() == TransferStatus.VOIDED ? EventType.TRANSFER_VOIDED : EventType.TRANSFER_POSTED;
        } else if (command instanceof SubmitTransfers) {
            type = EventType.TRANSFER_CREATED;
        } else {
            return;
        }
        String debitOwner = owner(e.debitAccount(), ledger);
        String creditOwner = owner(e.creditAccount(), ledger);
        // A terminal's submission is a refund it sent: that terminal sees it.
        String refunder = command instanceof SubmitTransfers s && s.terminalId() != null && debitOwner != null
                ? Audience.terminal(debitOwner, s.terminalId()) : null;
        Audience audience = new Audience(members(debitOwner, creditOwner),
                refunder == null ? List.of() : List.of(refunder), e.pendingTimeoutS() > 0 ? creditOwner : null);
        // The transfer as GET /v1/transfers/{id} answers right after this change (refund_of, terminal_id
        // included); records are immutable, so rendering it later shows this moment.
        TransferRecord transfer = ledger.transfer(e.idHi(), e.idLo());
        add(type, e.timestampMs(), audience, () -> views.transfer(transfer));
        if (type == EventType.TRANSFER_CREATED && e.paymentRequest() != null) {
            PaymentRequestView p = ledger.paymentRequest(creditOwner, e.paymentRequest(), e.timestampMs());
            add(EventType.PAYMENT_REQUEST_PAID, e.timestampMs(), requestAudience(p),
                    () -> views.paymentRequest(p));
        }
    }

    private void member(EventType type, String id, long at, Ledger ledger) {
        MemberView m = ledger.member(id);
        List<AccountView> accounts = new ArrayList<>(m.accountIds().size());
        for (String a : m.accountIds()) accounts.add(ledger.account(a));
        add(type, at, new Audience(List.of(id), List.of(), null), () -> views.member(m, accounts));
    }

    private void account(EventType type, String id, long at, Ledger ledger) {
        AccountView a = ledger.account(id);
        add(type, at, new Audience(members(a.memberId(), null), List.of(), null), () -> views.account(a));
    }

    private void signingKey(EventType type, String keyId, long at, Ledger ledger) {
        SigningKeyView k = ledger.signingKey(keyId);
        add(type, at, new Audience(List.of(k.memberId()), List.of(), null), () -> views.signingKey(k));
    }

    private void group(EventType type, long hi, long lo, GroupOutcome outcome, String issuedBy, long at,
                       Ledger ledger) {
        List<TransferRecord> legs = GroupIds.legs(ledger, hi, lo, outcome);
        List<String> members = new ArrayList<>(2);
        for (TransferRecord leg : legs) {
            for (String owner : members(owner(leg.debitAccount(), ledger), owner(leg.creditAccount(), ledger))) {
                if (!members.contains(owner)) members.add(owner);
            }
        }
        add(type, at, new Audience(members, List.of(), null), () -> views.group(hi, lo, outcome, legs, issuedBy));
    }

    private static Audience requestAudience(PaymentRequestView p) {
        String owner = p.memberId();
        return new Audience(members(owner, null),
                p.terminalId() == null || owner == null ? List.of() : List.of(Audience.terminal(owner, p.terminalId())),
                null);
    }

    private static String owner(String account, Ledger ledger) {
        return account == null ? null : ledger.ownerOf(account);
    }

    private static List<String> members(String a, String b) {
        if (a == null) return b == null ? List.of() : List.of(b);
        return b == null || b.equals(a) ? List.of(a) : List.of(a, b);
    }

    private void add(EventType type, long at, Audience audience, Supplier<String> render) {
        batch.add(new Event(++lastSeq, type, at, audience, render));
    }

    @Override
    public List<StoredEvent> take() {
        if (batch.isEmpty()) return List.of();
        List<StoredEvent> taken = batch;
        batch = new ArrayList<>();
        return taken;
    }

    @Override
    public void durable(List<? extends StoredEvent> events) {
        if (!events.isEmpty()) feed.append(events);
    }
}
