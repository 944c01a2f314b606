package fr.mlml.ledger.engine;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Ledger;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One piece of work for the engine: a command to apply, a read of the ledger, or a command then a read right after
 * it. Either way its future completes only once every command before it is durable, so no caller ever sees state
 * that a crash could take back.
 */
final class Submission {
    final Command command;
    final Function<Ledger, ?> read;
    final CompletableFuture<Object> future = new CompletableFuture<>();
    Object readResult;

    Submission(Command command, Function<Ledger, ?> read) {
        this.command = command;
        this.read = read;
    }

    /** Completes with the read's answer if there is a read (after the command, if any), else with the command. */
    void complete() {
        future.complete(read != null ? readResult : command);
    }
}
