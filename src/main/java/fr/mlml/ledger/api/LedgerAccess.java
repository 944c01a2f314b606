package fr.mlml.ledger.api;

import fr.mlml.ledger.core.Command;
import fr.mlml.ledger.core.Ledger;
import fr.mlml.ledger.engine.Engine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The API's way into the engine, answering on the calling event loop. Every answer comes only once what it
 * reflects is durable (the engine's guarantee).
 */
final class LedgerAccess {
    private final Engine engine;

    LedgerAccess(Engine engine) {
        this.engine = engine;
    }

    <C extends Command> Future<C> submit(C command) {
        return Future.fromCompletionStage(engine.submit(command), Vertx.currentContext());
    }

    <T> Future<T> read(Function<Ledger, T> read) {
        return Future.fromCompletionStage(engine.read(read), Vertx.currentContext());
    }

    /**
     * Applies a command and reads the ledger right after it (see {@link Engine#submitThenRead}); the read is given
     * null for a command the ledger did not take.
     */
    <C extends Command, T> Future<T> applyThenRead(C command, BiFunction<C, Ledger, T> read) {
        return Future.fromCompletionStage(engine.submitThenRead(command,
                (c, l) -> c.result() == null ? null : read.apply(c, l)), Vertx.currentContext());
    }

    boolean ready() {
        return engine.isRunning();
    }

    int queueDepth() {
        return engine.queueDepth();
    }
}
