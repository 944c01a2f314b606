package fr.mlml.ledger;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * Fail-stop for the process: an {@link Error} (out of memory, a stack overflow, a broken invariant's assertion) on
 * any thread leaves a service not to be trusted, which may stay up answering nothing. It halts with status
 * {@value #STATUS} at once, and its supervisor starts it again from the journal. Armed by {@link Main} only: a test
 * running the service in its own JVM keeps its JVM.
 *
 * <p>Out of memory, nothing may allocate: the message is written from bytes made in advance, and the halt skips the
 * shutdown hooks (which would wait for the engine). {@code -XX:+ExitOnOutOfMemoryError} is the JVM's own net for an
 * {@code OutOfMemoryError} that a library catches before any handler sees it; {@link #warnUnlessJvmExitsOnOom}
 * says when it is missing.
 */
public final class FailStop {
    public static final int STATUS = 70;
    private static final Logger LOG = LoggerFactory.getLogger(FailStop.class);
    private static final byte[] MESSAGE = ("mlml-ledger: an Error ended a thread (out of memory, stack overflow or a "
            + "broken invariant): halting with status " + STATUS + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final FileOutputStream STDERR = new FileOutputStream(FileDescriptor.err);
    private static volatile boolean armed;

    private FailStop() {
    }

    /** From now on an {@link Error} on any thread, or reported to {@link #onError}, halts the process. */
    public static void arm() {
        armed = true;
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            onError(e);
            LOG.error("thread {} ended by an uncaught exception", thread.getName(), e);
        });
    }

    /**
     * Where an {@link Error} caught on its way up is reported (by the event loops' exception handler, the routes'
     * failure handler): halts when armed; anything else returns and is the caller's to log.
     */
    public static void onError(Throwable e) {
        if (!armed || !(e instanceof Error)) return;
        try {
            // A virtual machine's error (memory, stack) leaves nothing to log with; any other is worth its trace.
            if (!(e instanceof VirtualMachineError)) LOG.error("halting on an error", e);
            STDERR.write(MESSAGE);
        } catch (Throwable ignored) {
            // halting anyway
        } finally {
            Runtime.getRuntime().halt(STATUS);
        }
    }

    /** Logs a warning when the JVM does not itself exit once its heap runs out. */
    public static void warnUnlessJvmExitsOnOom() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (Boolean.parseBoolean(vm.getVMOption("ExitOnOutOfMemoryError").getValue())
                    || Boolean.parseBoolean(vm.getVMOption("CrashOnOutOfMemoryError").getValue())) {
                return;
            }
        } catch (RuntimeException notHotSpot) {
            // said below
        }
        LOG.warn("the JVM runs without -XX:+ExitOnOutOfMemoryError: a heap exhausted inside a library that catches "
                + "the error could leave the service up and serving nothing; add it to the java command (README)");
    }
}
