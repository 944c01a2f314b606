package fr.mlml.ledger.core;

/**
 * When tokens were last used, as the API saw them: sent now and then rather than per request, so that a request
 * costs no journal write and a restart still shows roughly when each token was last used.
 */
public final class RecordTokenUse extends Command {
    /** Bounds one command; the API sends more in several. */
    public static final int MAX_TOKENS = 4096;

    public final long[] numbers;
    public final long[] usedAtMs;

    public RecordTokenUse(long[] numbers, long[] usedAtMs) {
        if (numbers.length != usedAtMs.length || numbers.length > MAX_TOKENS) {
            throw new IllegalArgumentException("one use time per token, at most " + MAX_TOKENS);
        }
        this.numbers = numbers.clone();
        this.usedAtMs = usedAtMs.clone();
    }

    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        for (int i = 0; i < numbers.length; i++) ledger.credentials.used(numbers[i], Math.min(usedAtMs[i], nowMs));
        return ResultCode.OK;
    }
}
