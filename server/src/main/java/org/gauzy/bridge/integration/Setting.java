package org.gauzy.bridge.integration;

/** A setting to store; a secret one is encrypted at rest and never shown whole. */
public record Setting(String name, String value, boolean secret) {

    public static Setting plain(String name, String value) {
        return new Setting(name, value, false);
    }

    public static Setting secret(String name, String value) {
        return new Setting(name, value, true);
    }
}
