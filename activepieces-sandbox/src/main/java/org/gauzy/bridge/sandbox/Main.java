package org.gauzy.bridge.sandbox;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar activepieces-sandbox.jar [--port=8090] [--ap-version=0.85] [--api-key=sk-…] …} */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        SandboxOptions options;
        try {
            options = SandboxOptions.parse(args, System.getenv());
            ApVersion.parse(options.apVersion());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        var sandbox = ActivepiecesSandbox.Builder.from(options).start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.stop();
            stopped.countDown();
        }));
        Seed seed = sandbox.seed();
        System.out.println("Activepieces sandbox " + sandbox.apVersion() + " (MCP generation "
                + ApVersion.parse(options.apVersion()).mcpGeneration() + ") listening on " + sandbox.baseUrl());
        System.out.println("  API base URL:  " + sandbox.baseUrl() + "/api/v1");
        System.out.println("  API key:       " + seed.apiKey());
        System.out.println("  platform id:   " + seed.platformId());
        System.out.println("  project id:    " + seed.projectId());
        System.out.println("  user:          " + seed.userEmail() + " / " + seed.userPassword());
        System.out.println(
                "  control API:   " + sandbox.baseUrl() + "/sandbox (seed, requests, faults, webhooks, reset)");
        stopped.await();
    }
}
