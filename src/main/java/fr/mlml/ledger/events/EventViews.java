package fr.mlml.ledger.events;

import fr.mlml.ledger.core.AccountView;
import fr.mlml.ledger.core.GroupOutcome;
import fr.mlml.ledger.core.MemberView;
import fr.mlml.ledger.core.PaymentRequestView;
import fr.mlml.ledger.core.SigningKeyView;
import fr.mlml.ledger.core.TokenView;
import fr.mlml.ledger.core.TransferRecord;

import java.util.List;

/**
 * The JSON of each object as its {@code GET} route answers it: given by the API, which owns those shapes, so an
 * event's {@code data} is exactly what a client reading the object would see.
 */
public interface EventViews {
    String transfer(TransferRecord transfer);

    /** A conversion or issuance as its answer gave it ({@code issued_by} only for an issuance). */
    String group(long idHi, long idLo, GroupOutcome outcome, List<TransferRecord> legs, String issuedBy);

    String paymentRequest(PaymentRequestView request);

    String member(MemberView member, List<AccountView> accounts);

    String account(AccountView account);

    String signingKey(SigningKeyView key);

    /** A token as its member's token list shows it at {@code nowMs} (never its secret nor its hash). */
    String token(TokenView token, long nowMs);
}
