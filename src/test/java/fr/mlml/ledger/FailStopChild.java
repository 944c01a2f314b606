package fr.mlml.ledger;

import fr.mlml.ledger.config.LedgerConfigFile;
import fr.mlml.ledger.engine.Engine;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.lang.reflect.Field;

/**
 * The service as {@link Main} starts it (fail-stop armed), then an error thrown where the test says: on an event
 * loop or on the engine thread, an {@link Error} or an exception. The test reaches into the running service by
 * reflection rather than the service growing a trigger.
 */
public final class FailStopChild {
    private FailStopChild() {
    }

    public static void main(String[] args) throws Exception {
        FailStop.arm();
        LedgerService service = LedgerService.start(ServiceSettings.of(new JsonObject(), System.getenv()),
                LedgerConfigFile.defaults());
        boolean error = args[1].equals("error");
        switch (args[0]) {
            case "event-loop" -> field(service, "vertx", Vertx.class).runOnContext(v -> {
                if (error) throw new StackOverflowError("thrown by the test on an event loop");
                throw new IllegalStateException("thrown by the test on an event loop");
            });
            // A read that throws an exception fails its caller only; the child says so once it has.
            case "engine" -> field(service, "engine", Engine.class).read(ledger -> {
                if (error) throw new OutOfMemoryError("thrown by the test on the engine thread");
                throw new IllegalStateException("thrown by the test on the engine thread");
            }).whenComplete((none, e) -> System.out.println("the engine's read failed: " + e.getMessage()));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static <T> T field(LedgerService service, String name, Class<T> type) throws ReflectiveOperationException {
        Field f = LedgerService.class.getDeclaredField(name);
        f.setAccessible(true);
        return type.cast(f.get(service));
    }
}
