package fr.mlml.ledger.core;

/**
 * A money-moving command made from a request signed by a member's key (DESIGN.md §4). The signature is verified
 * before the command reaches the ledger; the ledger checks, as it applies the command, that the key is registered to
 * the signing member and not revoked, so a key revoked before the command applies signs nothing.
 */
public abstract class SignedCommand extends Command {
    private String keyId;
    private String terminalId;

    /** The key the request was signed with; null for a command not made from a request (tools, tests). */
    public final String keyId() {
        return keyId;
    }

    public final void signedWith(String keyId) {
        this.keyId = keyId;
    }

    /**
     * Names the terminal that sent the command (null: the member itself). Terminals are held to narrower rules: they
     * only refund, and never hold or void money their business pays.
     */
    public final void byTerminal(String terminalId) {
        this.terminalId = terminalId;
    }

    public final String terminalId() {
        return terminalId;
    }

    /** The member one of whose keys must have signed. */
    abstract String signerMemberId();

    /** Answers a command refused for its key, in its own outcome fields if it has any. */
    void refused(ResultCode rc, long nowMs) {
    }

    abstract ResultCode applySigned(Ledger ledger, long nowMs);

    @Override
    final ResultCode applyTo(Ledger ledger, long nowMs) {
        ResultCode rc = ledger.credentials.checkKey(keyId, ledger.members.indexOf(signerMemberId()));
        if (rc != ResultCode.OK) {
            refused(rc, nowMs);
            return rc;
        }
        return applySigned(ledger, nowMs);
    }
}
