package fr.mlml.ledger.core;

/** Moves the ledger's time forward so pending transfers whose deadline passed expire, when nothing else comes. */
public final class Tick extends Command {
    @Override
    ResultCode applyTo(Ledger ledger, long nowMs) {
        return ResultCode.OK;
    }
}
