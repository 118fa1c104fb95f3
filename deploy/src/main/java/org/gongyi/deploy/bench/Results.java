package org.gongyi.deploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the benchmarks write their JSON results: {@code deploy/target/bench/<name>.json}. */
final class Results {
    private Results() {}

    /** Writes {@code rows} with the benchmark's name, the time and the machine's cores; returns the file. */
    static Path write(Path root, String file, String benchmark, Object rows) throws IOException {
        return write(root, file, benchmark, Map.of(), rows);
    }

    /** As {@link #write(Path, String, String, Object)} with more top-level fields ({@code extra}). */
    static Path write(Path root, String file, String benchmark, Map<String, Object> extra, Object rows)
            throws IOException {
        Path out = root.resolve("deploy/target/bench/" + file + ".json").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", benchmark);
        doc.put("at", Instant.now().toString());
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.putAll(extra);
        doc.put("rows", rows);
        new ObjectMapper()
                .findAndRegisterModules()
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.toFile(), doc);
        return out;
    }
}
