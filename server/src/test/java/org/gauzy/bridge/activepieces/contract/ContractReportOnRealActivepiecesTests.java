package org.gauzy.bridge.activepieces.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Call by call, where the real Activepieces and the sandbox of the same release made the service's
 * contract tests differ. Runs in the {@code real-activepieces} profile after both suites (the profile runs
 * test classes in name order, and this name sorts after {@code ContractOnRealActivepieces…} and
 * {@code ContractOnSandbox…}). The report goes to {@code target/activepieces-contract/report.txt}; every
 * difference must be listed, with its reason, under "Known call differences" in the sandbox's FIDELITY.md.
 */
class ContractReportOnRealActivepiecesTests {

    static final Path FIDELITY = Path.of("..", "activepieces-sandbox", "FIDELITY.md");

    @Test
    void everyCallDifferenceBetweenSandboxAndRealIsKnown() throws IOException {
        Path real = CallRecorder.ROOT.resolve(
                CallRecorder.directory(ActivepiecesTarget.real().name()));
        Path sandbox = CallRecorder.ROOT.resolve(CallRecorder.directory("sandbox 0.85.4"));
        List<String> tests = calls(real);
        assertThat(tests).as("the real suite's recordings in " + real).hasSize(5);
        assertThat(calls(sandbox))
                .as("the 0.85 sandbox suite's recordings in " + sandbox)
                .containsAll(tests);

        var differences = new ArrayList<String>();
        for (String test : tests) {
            List<String> onReal = collapsed(Files.readAllLines(real.resolve(test)));
            List<String> onSandbox = collapsed(Files.readAllLines(sandbox.resolve(test)));
            for (int i = 0; i < Math.max(onReal.size(), onSandbox.size()); i++) {
                String r = i < onReal.size() ? onReal.get(i) : "(nothing)";
                String s = i < onSandbox.size() ? onSandbox.get(i) : "(nothing)";
                if (!r.equals(s)) {
                    differences.add(test.replace(".calls", "") + ": real `" + r + "`, sandbox `" + s + "`");
                }
            }
        }
        Files.write(
                CallRecorder.ROOT.resolve("report.txt"),
                differences.isEmpty()
                        ? List.of("No call differs between the real Activepieces and the sandbox.")
                        : differences);
        String known = Files.readString(FIDELITY);
        assertThat(differences)
                .as("differences not listed in " + FIDELITY)
                .allSatisfy(d -> assertThat(known).contains(d));
    }

    private static List<String> calls(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".calls"))
                    .sorted()
                    .toList();
        }
    }

    /** Runs of the same call become one: how many pages a listing takes depends on what else is there. */
    static List<String> collapsed(List<String> lines) {
        var out = new ArrayList<String>();
        for (String line : lines) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(line)) {
                out.add(line);
            }
        }
        return out;
    }
}
