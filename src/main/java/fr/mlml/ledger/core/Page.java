package fr.mlml.ledger.core;

import java.util.List;

/**
 * One page of a list in id order: its items, and the id to pass as the next page's cursor, null once nothing is
 * left. A page may hold fewer items than asked while {@code next} is set: the search stopped after examining as
 * many as one page may cost, and goes on from {@code next}.
 */
public record Page<T>(List<T> items, String next) {
}
