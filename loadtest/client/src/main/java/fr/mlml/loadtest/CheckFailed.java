package fr.mlml.loadtest;

/** A run that cannot be trusted: the server broke a check or answered other than DESIGN.md §6 says. */
final class CheckFailed extends RuntimeException {
    CheckFailed(String message) {
        super(message);
    }
}
