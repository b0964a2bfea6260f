package org.gauzy.bridge.sandbox;

/**
 * What the sandbox starts with: one platform with its API key, an owner user and a project.
 *
 * @param apiKey the platform API key ({@code sk-…}), usable as {@code Authorization: Bearer}
 */
public record Seed(
        String platformId, String apiKey, String projectId, String userId, String userEmail, String userPassword) {}
