package fr.mlml.ledger.chaos;

/**
 * The seed of a chaos test's random choices (when each fault strikes and which, what the clients send, which ids are
 * checked): printed when the test starts and named in its failure, and replayed with
 * {@code -Dledger.chaos.seed=N}. A replay makes the same choices; the moments they meet in the service still depend
 * on the machine's timing.
 */
final class ChaosSeed {
    static final String PROPERTY = "ledger.chaos.seed";

    interface Body {
        void run(long seed) throws Exception;
    }

    private ChaosSeed() {
    }

    /** Runs the test's body with the property's seed, or {@code byDefault}; a failure names the seed. */
    static void run(long byDefault, Body body) throws Exception {
        long seed = Long.getLong(PROPERTY, byDefault);
        String replay = "chaos seed " + seed + " (replay: -D" + PROPERTY + "=" + seed + ")";
        System.out.println(replay);
        try {
            body.run(seed);
        } catch (AssertionError e) {
            throw new AssertionError(replay + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new Exception(replay + ": " + e, e);
        }
    }
}
