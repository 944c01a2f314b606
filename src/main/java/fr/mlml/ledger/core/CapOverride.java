package fr.mlml.ledger.core;

/** A member's own cap on one conversion pair, replacing the config default (DESIGN.md §6, PATCH member). */
public record CapOverride(String from, String to, ConversionPolicy.Cap cap) {
}
