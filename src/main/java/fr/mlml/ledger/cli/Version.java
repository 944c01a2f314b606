package fr.mlml.ledger.cli;

import picocli.CommandLine.IVersionProvider;

/** The jar's version, from its manifest (unknown when run from classes). */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"mlml-ledger " + (version == null ? "(development build)" : version)};
    }
}
